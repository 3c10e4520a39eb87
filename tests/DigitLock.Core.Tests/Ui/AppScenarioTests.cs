using DigitLock.Core.Dataset;
using DigitLock.Core.Lock;
using DigitLock.Core.Security;
using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.Ui;

/// <summary>
/// The whole app on a fake board, driven by touch events from a pen that writes digit shapes
/// into the boxes; the real stroke capture and preprocessing run, a template matcher stands in
/// for the CNN.
/// </summary>
public class AppScenarioTests
{
    [Theory]
    [InlineData(480, 272)]
    [InlineData(320, 240)]
    public void Every_digit_written_in_a_box_is_recognised(int width, int height)
    {
        var rig = new AppRig(width, height);
        for (int d = 0; d < 10; d++)
        {
            rig.Press(ButtonId.Clear);
            rig.WriteInBox(0, d);
            Assert.Equal(BoxMark.Shown, rig.App.View.Boxes[0].Mark);
            Assert.Equal(d, rig.App.View.Boxes[0].Digit);
        }
    }

    [Fact]
    public void First_boot_sets_up_the_pin_written_twice()
    {
        var rig = new AppRig();
        Assert.Equal(AppMode.Setup, rig.App.Mode);
        Assert.Equal(4, rig.App.View.Boxes.Length);

        rig.SetUp("2580");

        Assert.Equal(4, rig.App.DoorLock.PinLength);
        Assert.True(PinHash.FromBytes(rig.Config.Files[PinHashStore.Path]).Matches("2580"));
        Assert.Contains("PIN SAVED", rig.App.View.Status);
    }

    [Fact]
    public void Setup_with_two_different_pins_starts_again()
    {
        var rig = new AppRig();
        rig.WriteDigits("1234");
        rig.WriteDigits("1235");
        Assert.Equal(AppMode.Setup, rig.App.Mode);
        Assert.Contains("DIFFER", rig.App.View.Status);
        Assert.False(rig.Config.Files.ContainsKey(PinHashStore.Path));
    }

    [Fact]
    public void Setup_length_button_chooses_a_longer_pin()
    {
        var rig = new AppRig();
        rig.Press(ButtonId.Length);
        rig.Press(ButtonId.Length);
        Assert.Equal(6, rig.App.View.Boxes.Length);
        rig.SetUp("314159");
        Assert.Equal(6, rig.App.DoorLock.PinLength);
    }

    [Fact]
    public void Correct_pin_unlocks_then_relocks_after_the_unlock_time()
    {
        var rig = new AppRig();
        rig.SetUp("4711");

        rig.WriteDigits("4711");

        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
        Assert.True(rig.Output.IsUnlocked);
        rig.Wait(1500);
        Assert.Equal("LOCKS AGAIN IN 4 S", rig.App.View.Status);
        rig.Wait(2500);
        Assert.True(rig.Output.IsUnlocked);
        rig.Wait(1100);
        Assert.False(rig.Output.IsUnlocked);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
    }

    [Fact]
    public void Digits_are_shown_briefly_then_masked()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.Pen.Write(4, rig.App.View.Boxes[0].Area);
        rig.Pen.Write(7, rig.App.View.Boxes[1].Area);

        // Starting box 2 finished box 1: its digit is visible for a moment.
        Assert.Equal(BoxMark.Shown, rig.App.View.Boxes[0].Mark);
        rig.Wait(rig.Parts.DonePauseMs + rig.Parts.DigitShowMs + 100);
        Assert.Equal(BoxMark.Masked, rig.App.View.Boxes[0].Mark);
        Assert.Equal(BoxMark.Masked, rig.App.View.Boxes[1].Mark);
    }

    [Fact]
    public void Ok_submits_and_wrong_pin_counts_down_tries()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        for (int i = 0; i < 4; i++)
        {
            rig.Pen.Write(1, rig.App.View.Boxes[i].Area);
        }

        // The last box is still waiting for its pause: OK finishes and submits it.
        rig.Press(ButtonId.Ok);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
        Assert.Equal(1, rig.App.DoorLock.FailedAttempts);
        Assert.Contains("WRONG PIN - 2 TRIES", rig.App.View.Status);
        Assert.All(rig.App.View.Boxes, b => Assert.Equal(BoxMark.Empty, b.Mark));
    }

    [Fact]
    public void Ok_with_missing_digits_asks_for_all_of_them()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteInBox(0, 4);
        rig.Press(ButtonId.Ok);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
        Assert.Contains("WRITE ALL 4", rig.App.View.Status);
        Assert.Equal(0, rig.App.DoorLock.FailedAttempts);
    }

    [Fact]
    public void Clear_and_back_remove_digits()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteInBox(0, 4);
        rig.WriteInBox(1, 7);
        rig.Press(ButtonId.Back);
        Assert.Equal(BoxMark.Empty, rig.App.View.Boxes[1].Mark);
        Assert.NotEqual(BoxMark.Empty, rig.App.View.Boxes[0].Mark);
        Assert.True(rig.App.View.Boxes[1].Current);

        rig.WriteInBox(1, 7);
        rig.Press(ButtonId.Clear);
        Assert.All(rig.App.View.Boxes, b => Assert.Equal(BoxMark.Empty, b.Mark));
        rig.WriteDigits("4711");
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
    }

    [Fact]
    public void Three_wrong_pins_lock_out_and_the_lockout_survives_a_reboot()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteDigits("1111");
        rig.WriteDigits("2222");
        rig.WriteDigits("3333");
        Assert.Equal(AppMode.Lockout, rig.App.Mode);
        Assert.Contains(rig.App.View.GetLabel(0).Text, new[] { "0:30", "0:29" });

        rig.Wait(10_000);
        rig.Reboot();

        Assert.Equal(AppMode.Lockout, rig.App.Mode);
        Assert.InRange(rig.App.DoorLock.LockoutRemainingMs, 15_000, 20_000);

        // Writing during a lockout does nothing: there are no boxes.
        Assert.Empty(rig.App.View.Boxes);
        rig.Wait(20_000);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
        rig.WriteDigits("4711");
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
    }

    [Fact]
    public void Low_confidence_box_asks_to_be_rewritten()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        var unsure = new byte[10];
        unsure[4] = 120; // below the default threshold of 150
        unsure[9] = 60;
        rig.Classifier.Force(unsure);

        rig.WriteInBox(0, 4);
        Assert.Equal(BoxMark.Rewrite, rig.App.View.Boxes[0].Mark);
        Assert.Contains("BOX 1 UNCLEAR", rig.App.View.Status);

        var close = new byte[10];
        close[4] = 220;
        close[9] = 200; // top-2 margin 20 < 40
        rig.Classifier.Force(close);
        rig.WriteInBox(0, 4);
        Assert.Equal(BoxMark.Rewrite, rig.App.View.Boxes[0].Mark);

        rig.WriteInBox(0, 4);
        Assert.Equal(BoxMark.Shown, rig.App.View.Boxes[0].Mark);
        rig.WriteInBox(1, 7);
        rig.WriteInBox(2, 1);
        rig.WriteInBox(3, 1);
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
    }

    [Fact]
    public void A_tap_is_nothing_written_and_is_not_classified()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        int calls = rig.Classifier.Calls;
        rig.Pen.Tap(rig.App.View.Boxes[2].Area);
        rig.Wait(rig.Parts.DonePauseMs + 100);
        Assert.Equal(BoxMark.Rewrite, rig.App.View.Boxes[2].Mark);
        Assert.Contains("NOTHING IN BOX 3", rig.App.View.Status);
        Assert.Equal(calls, rig.Classifier.Calls);
    }

    [Fact]
    public void Admin_changes_the_pin()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteDigits("4711");
        rig.Press(ButtonId.Admin);
        Assert.Equal(AppMode.Admin, rig.App.Mode);
        rig.Press(ButtonId.LengthUp);
        Assert.Equal(5, rig.App.Settings.NewPinLength);
        rig.Press(ButtonId.ChangePin);
        Assert.Equal(AppMode.Setup, rig.App.Mode);
        Assert.Equal(5, rig.App.View.Boxes.Length);
        rig.WriteDigits("86420");
        rig.WriteDigits("86420");
        Assert.Equal(AppMode.Admin, rig.App.Mode);
        Assert.Contains("PIN CHANGED", rig.App.View.Status);

        rig.Press(ButtonId.Exit);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
        Assert.False(rig.Output.IsUnlocked);
        Assert.Equal(5, rig.App.View.Boxes.Length);
        rig.WriteDigits("86420");
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
    }

    [Fact]
    public void Admin_settings_persist_and_apply()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteDigits("4711");
        rig.Press(ButtonId.Admin);
        rig.Press(ButtonId.UnlockUp);
        rig.Press(ButtonId.UnlockUp);
        rig.Press(ButtonId.ThresholdUp);
        rig.Press(ButtonId.MarginDown);
        rig.Press(ButtonId.Exit);

        rig.Reboot();
        Assert.Equal(7, rig.App.Settings.UnlockSeconds);
        Assert.Equal(160, rig.App.Settings.ConfidenceThreshold);
        Assert.Equal(35, rig.App.Settings.ConfidenceMargin);
        rig.WriteDigits("4711");
        rig.Wait(6500);
        Assert.True(rig.Output.IsUnlocked);
        rig.Wait(600);
        Assert.False(rig.Output.IsUnlocked);
    }

    [Fact]
    public void Admin_session_ends_when_idle()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteDigits("4711");
        rig.Press(ButtonId.Admin);
        rig.Wait(DoorLock.AdminIdleMs + 100);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
        Assert.False(rig.App.DoorLock.CanSetPin);
    }

    [Fact]
    public void Events_screen_lists_what_happened_without_digits()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.WriteDigits("1111");
        rig.WriteDigits("4711");
        rig.Press(ButtonId.Admin);
        rig.Press(ButtonId.Events);
        var lines = Enumerable.Range(0, rig.App.View.LabelCount).Select(i => rig.App.View.GetLabel(i).Text).ToArray();
        Assert.EndsWith("UNLOCKED", lines[0]);
        Assert.EndsWith("WRONG PIN", lines[1]);
        Assert.EndsWith("PIN SET", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("4711") || l.Contains("1111"));
    }

    private static AppRig InGathering(int width = 480, int height = 272)
    {
        var rig = new AppRig(width, height);
        rig.SetUp("4711");
        rig.WriteDigits("4711");
        rig.Press(ButtonId.Admin);
        rig.Press(ButtonId.Gather);
        Assert.Equal(AppMode.Gathering, rig.App.Mode);
        return rig;
    }

    private static void WriteRound(AppRig rig)
    {
        int digit = rig.App.Gathering.Digit;
        for (int i = 0; i < DigitLockApp.GatheringBoxes; i++)
        {
            rig.Pen.Write(digit, rig.App.View.Boxes[i].Area);
        }

        rig.Wait(rig.Parts.DonePauseMs + 100);
    }

    private static string[] SampleFiles(AppRig rig) =>
        rig.Card.Files.Keys.Where(k => k.StartsWith("samples/", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Gathering_submit_writes_four_labelled_dat_files_and_undo_removes_them()
    {
        var rig = InGathering();
        int digit = rig.App.Gathering.Digit;
        Assert.InRange(digit, 0, 9);
        WriteRound(rig);
        Assert.All(rig.App.View.Boxes, b => Assert.Equal(BoxMark.Kept, b.Mark));

        rig.Press(ButtonId.Submit);

        var files = SampleFiles(rig);
        Assert.Equal(4, files.Length);
        Assert.All(files, f => Assert.StartsWith($"samples/{digit}/test-board-", f));
        foreach (var file in files)
        {
            var recorded = DatCodec.Decode(rig.Card.Files[file], file);
            Assert.Equal(digit, recorded.Sample.Label);
            Assert.True(recorded.Sample.StrokeCount >= 1);
            Assert.Contains(recorded.Sample.Image, p => p > 200);
            Assert.Equal(SourceKind.BoardTouch, recorded.Source.Kind);
            Assert.Equal(480, recorded.Source.ScreenWidth);
        }

        Assert.Equal(4, rig.App.Gathering.CountOf(digit));
        Assert.NotEqual(digit, rig.App.Gathering.Digit); // counts stay balanced: another digit is behind now
        Assert.All(rig.App.View.Boxes, b => Assert.Equal(BoxMark.Empty, b.Mark));

        rig.Press(ButtonId.Undo);
        Assert.Empty(SampleFiles(rig));
        Assert.Equal(0, rig.App.Gathering.CountOf(digit));
        Assert.Equal(digit, rig.App.Gathering.Digit);
    }

    [Fact]
    public void Gathering_keeps_counts_balanced_over_many_rounds()
    {
        var rig = InGathering();
        for (int round = 0; round < 12; round++)
        {
            WriteRound(rig);
            rig.Press(ButtonId.Submit);
        }

        var counts = Enumerable.Range(0, 10).Select(d => rig.App.Gathering.CountOf(d)).ToArray();
        Assert.Equal(48, counts.Sum());
        Assert.True(counts.Max() - counts.Min() <= 4, string.Join(",", counts));
        for (int d = 0; d < 10; d++)
        {
            Assert.Equal(counts[d], rig.Card.Files.Keys.Count(k => k.StartsWith($"samples/{d}/", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Gathering_submit_needs_all_four_boxes()
    {
        var rig = InGathering();
        rig.WriteInBox(0, rig.App.Gathering.Digit);
        rig.Press(ButtonId.Submit);
        Assert.Empty(SampleFiles(rig));
        Assert.Contains("ALL 4 BOXES", rig.App.View.Status);
    }

    [Fact]
    public void Card_removed_mid_round_loses_nothing_and_resubmitting_finishes_it()
    {
        var rig = InGathering();
        int digit = rig.App.Gathering.Digit;
        WriteRound(rig);
        rig.Card.WritesBeforeFailure = 2;

        rig.Press(ButtonId.Submit);

        Assert.Equal(2, SampleFiles(rig).Length);
        Assert.Contains("SAMPLES KEPT", rig.App.View.Status);
        Assert.All(rig.App.View.Boxes, b => Assert.Equal(BoxMark.Kept, b.Mark));

        rig.Card.WritesBeforeFailure = -1;
        rig.Press(ButtonId.Submit);
        var files = SampleFiles(rig);
        Assert.Equal(4, files.Length);
        Assert.Equal(4, files.Distinct().Count());
        Assert.Equal(4, rig.App.Gathering.CountOf(digit));
    }

    [Fact]
    public void Card_pulled_before_submit_keeps_the_round_until_it_is_back()
    {
        var rig = InGathering(320, 240);
        int digit = rig.App.Gathering.Digit;
        WriteRound(rig);
        rig.Card.IsPresent = false;

        rig.Press(ButtonId.Submit);
        Assert.Equal("NO SD CARD - SAMPLES KEPT", rig.App.View.Status);
        rig.Press(ButtonId.Undo); // nothing submitted yet: nothing to undo, round untouched
        Assert.All(rig.App.View.Boxes, b => Assert.Equal(BoxMark.Kept, b.Mark));

        rig.Card.IsPresent = true;
        rig.Press(ButtonId.Submit);
        Assert.Equal(4, SampleFiles(rig).Length);
        Assert.All(SampleFiles(rig), f => Assert.StartsWith($"samples/{digit}/", f));
    }

    [Fact]
    public void Missing_card_is_reported_and_the_lock_still_works()
    {
        var rig = new AppRig();
        rig.Card.IsPresent = false;
        rig.SetUp("4711");
        rig.WriteDigits("4711");
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
        rig.Press(ButtonId.Admin);
        rig.Press(ButtonId.Gather);
        Assert.Equal(AppMode.Gathering, rig.App.Mode);
        Assert.Empty(rig.App.View.Boxes);
        Assert.Equal("NO SD CARD", rig.App.View.GetLabel(0).Text);

        rig.Card.IsPresent = true;
        rig.Press(ButtonId.Retry);
        Assert.Equal(4, rig.App.View.Boxes.Length);

        rig.Press(ButtonId.Exit);
        rig.Press(ButtonId.Exit);
        Assert.Equal(AppMode.Lock, rig.App.Mode);
        rig.Card.IsPresent = false;
        rig.WriteDigits("4711");
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
    }

    [Fact]
    public void Damaged_pin_record_shows_a_fault_and_never_opens()
    {
        var rig = new AppRig();
        rig.SetUp("4711");
        rig.Config.WriteAtomic(PinHashStore.Path, new byte[] { 1, 2, 3 });
        rig.Reboot();
        Assert.Equal(AppMode.Fault, rig.App.Mode);
        Assert.Empty(rig.App.View.Boxes);
        Assert.False(rig.Output.IsUnlocked);
    }
}
