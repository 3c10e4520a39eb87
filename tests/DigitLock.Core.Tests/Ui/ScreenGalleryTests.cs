using DigitLock.Core.Security;
using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.Ui;

/// <summary>
/// Walks through every screen at both panel sizes, checks that nothing is drawn off-screen or
/// overlaps, and (with DIGITLOCK_SCREENS_DIR set) saves each as a PNG for people to look at:
/// <c>DIGITLOCK_SCREENS_DIR=docs/screens dotnet test tests/DigitLock.Core.Tests --filter ScreenGallery</c>.
/// </summary>
public class ScreenGalleryTests
{
    private static void CheckScreen(AppRig rig, string name)
    {
        var view = rig.App.View;
        var screen = new Rect(0, 0, rig.Display.Width, rig.Display.Height);
        var areas = new List<(string what, Rect area)>();
        for (int i = 0; i < view.ButtonCount; i++)
        {
            var b = view.GetButton(i);
            areas.Add(("button " + b.Label, b.Area));
            Assert.True(Font5x7.TextWidth(b.Label, 1) <= b.Area.Width, $"{name}: label '{b.Label}' wider than its button");
            Assert.True(b.Area.Height >= 24, $"{name}: button '{b.Label}' too small to tap ({b.Area})");
        }

        for (int i = 0; i < view.Boxes.Length; i++)
        {
            areas.Add(("box " + i, view.Boxes[i].Area));
        }

        for (int i = 0; i < view.LabelCount; i++)
        {
            var label = view.GetLabel(i);
            Assert.True(Font5x7.TextWidth(label.Text, 1) <= label.Area.Width, $"{name}: '{label.Text}' does not fit {label.Area}");
        }

        // Messages must be readable at the normal text size, not shrunk to the 1x fallback.
        Assert.True(Font5x7.TextWidth(view.Status, rig.App.Layout.TextScale) <= rig.App.Layout.Status.Width,
            $"{name}: status '{view.Status}' too long for {rig.Display.Width} px");

        foreach (var (what, area) in areas)
        {
            Assert.True(area.X >= 0 && area.Y >= 0 && area.Right <= screen.Width && area.Bottom <= screen.Height,
                $"{name}: {what} {area} is off-screen");
        }

        for (int i = 0; i < areas.Count; i++)
        {
            for (int j = i + 1; j < areas.Count; j++)
            {
                var a = areas[i].area;
                var b = areas[j].area;
                bool overlap = a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom;
                Assert.False(overlap, $"{name}: {areas[i].what} {a} overlaps {areas[j].what} {b}");
            }
        }

        rig.Screenshot(name);
    }

    [Theory]
    [InlineData(480, 272)]
    [InlineData(320, 240)]
    public void Every_screen_fits_the_panel(int width, int height)
    {
        var rig = new AppRig(width, height);
        CheckScreen(rig, "01-setup");
        rig.WriteInBox(0, 2);
        rig.Wait(1000);
        rig.Pen.Write(5, rig.App.View.Boxes[1].Area);
        rig.Pen.Write(8, rig.App.View.Boxes[2].Area);
        CheckScreen(rig, "02-setup-writing");
        rig.Wait(1000);
        rig.WriteInBox(3, 0);
        CheckScreen(rig, "03-confirm");
        rig.WriteDigits("2580");
        CheckScreen(rig, "04-lock");

        rig.WriteInBox(0, 2);
        rig.Wait(1000);
        rig.Pen.Write(5, rig.App.View.Boxes[1].Area);
        rig.Pen.Write(8, rig.App.View.Boxes[2].Area);
        rig.Pen.OnlyDown(rig.App.View.Boxes[3].Area);
        CheckScreen(rig, "05-lock-writing");
        rig.Pen.Lift();
        rig.Press(ButtonId.Clear);

        var unsure = new byte[10];
        unsure[7] = 110;
        rig.Classifier.Force(unsure);
        rig.WriteInBox(0, 7);
        CheckScreen(rig, "06-rewrite");
        rig.Press(ButtonId.Clear);

        rig.WriteDigits("1111");
        CheckScreen(rig, "07-wrong-pin");
        rig.WriteDigits("1111");
        rig.WriteDigits("1111");
        rig.Wait(8000);
        CheckScreen(rig, "08-lockout");
        rig.Wait(30_000);
        rig.WriteDigits("2580");
        rig.Wait(1000);
        CheckScreen(rig, "09-unlocked");
        rig.Press(ButtonId.Admin);
        CheckScreen(rig, "10-admin");
        rig.Press(ButtonId.Model);
        CheckScreen(rig, "11-model-info");
        rig.Press(ButtonId.Exit);
        rig.Press(ButtonId.Events);
        CheckScreen(rig, "12-events");
        rig.Press(ButtonId.Exit);
        rig.Press(ButtonId.ChangePin);
        CheckScreen(rig, "13-change-pin");
        rig.Press(ButtonId.Cancel);

        rig.Press(ButtonId.Gather);
        CheckScreen(rig, "14-gathering");
        int digit = rig.App.Gathering.Digit;
        for (int i = 0; i < 4; i++)
        {
            rig.Pen.Write(digit, rig.App.View.Boxes[i].Area);
        }

        rig.Wait(800);
        CheckScreen(rig, "15-gathering-written");
        rig.Card.WritesBeforeFailure = 1;
        rig.Press(ButtonId.Submit);
        CheckScreen(rig, "16-gathering-card-error");
        rig.Card.IsPresent = false;
        rig.Press(ButtonId.Exit);
        rig.Press(ButtonId.Gather);
        CheckScreen(rig, "17-gathering-no-card");
        rig.Card.IsPresent = true;
        rig.Card.WritesBeforeFailure = -1;

        rig.Press(ButtonId.Exit);
        rig.Press(ButtonId.LengthUp);
        rig.Press(ButtonId.LengthUp);
        rig.Press(ButtonId.LengthUp);
        rig.Press(ButtonId.LengthUp);
        rig.Press(ButtonId.ChangePin);
        rig.WriteDigits("12345678");
        rig.WriteDigits("12345678");
        rig.Press(ButtonId.Exit);
        rig.WriteInBox(0, 1);
        rig.Wait(1000);
        rig.WriteInBox(1, 2);
        CheckScreen(rig, "18-lock-8-digits");

        rig.Config.WriteAtomic(PinHashStore.Path, [0]);
        rig.Reboot();
        CheckScreen(rig, "19-fault");
    }

    [Theory]
    [InlineData(480, 272)]
    [InlineData(320, 240)]
    public void Masked_digits_show_a_dot_and_no_digit(int width, int height)
    {
        var rig = new AppRig(width, height);
        rig.SetUp("2580");
        rig.WriteInBox(0, 2);
        var box = rig.App.View.Boxes[0].Area;
        ushort centre() => rig.Display.Framebuffer[(box.Y + box.Height / 2) * width + box.X + box.Width / 2];
        int inkPixels() => Enumerable.Range(box.Y + 4, box.Height - 8)
            .Sum(y => Enumerable.Range(box.X + 4, box.Width - 8).Count(x => rig.Display.Framebuffer[y * width + x] == Rgb565.Ink));

        Assert.True(inkPixels() > 20, "the recognised digit is drawn");
        rig.Wait(rig.Parts.DigitShowMs + 50);
        Assert.Equal(Rgb565.Masked, centre());
        Assert.Equal(0, inkPixels());
    }

    [Fact]
    public void Ink_follows_the_finger_while_writing()
    {
        var rig = new AppRig();
        rig.SetUp("2580");
        var box = rig.App.View.Boxes[1].Area;
        rig.Pen.Write(7, box);
        // The top bar of the 7 runs across the box at 15% + 70% * 10% of its height.
        int y = box.Y + box.Height * 15 / 100 + box.Height * 70 / 100 * 10 / 100;
        int inked = Enumerable.Range(box.X, box.Width).Count(x => rig.Display.Framebuffer[y * rig.Display.Width + x] == Rgb565.Ink);
        Assert.True(inked > box.Width / 3, $"only {inked} ink pixels on the 7's top bar");
    }
}
