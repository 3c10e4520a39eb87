using DigitLock.Core.Hardware;

namespace DigitLock.Sim.Tests;

public class TouchControllerTests
{
    [Fact]
    public void A_tap_between_two_samples_still_gives_down_then_up()
    {
        var touch = new TouchController(60, 480, 272);
        touch.PointerDown(10, 20);
        touch.PointerUp(11, 21);
        Assert.Equal((TouchAction.Down, 11, 21), touch.Sample());
        Assert.Equal((TouchAction.Up, 11, 21), touch.Sample());
        Assert.Null(touch.Sample());
    }

    [Fact]
    public void While_touched_every_sample_reports_the_latest_position()
    {
        var touch = new TouchController(60, 480, 272);
        Assert.Null(touch.Sample());
        touch.PointerDown(5, 5);
        Assert.Equal(TouchAction.Down, touch.Sample()!.Value.Action);
        touch.PointerMove(7, 8);
        touch.PointerMove(9, 12);
        Assert.Equal((TouchAction.Move, 9, 12), touch.Sample());
        Assert.Equal((TouchAction.Move, 9, 12), touch.Sample());
        touch.PointerMove(900, -4);
        Assert.Equal((TouchAction.Move, 479, 0), touch.Sample());
    }

    [Fact]
    public void Release_and_press_within_one_period_reports_the_release_first()
    {
        var touch = new TouchController(60, 320, 240);
        touch.PointerDown(1, 1);
        touch.Sample();
        touch.PointerUp(2, 2);
        touch.PointerDown(50, 60);
        Assert.Equal(TouchAction.Up, touch.Sample()!.Value.Action);
        Assert.Equal((TouchAction.Down, 50, 60), touch.Sample());
    }
}
