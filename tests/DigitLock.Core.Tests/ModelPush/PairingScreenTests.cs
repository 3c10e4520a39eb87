using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;
using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.ModelPush;

public class PairingScreenTests
{
    [Fact]
    public void Unlocked_owner_gets_a_pairing_code_that_pairs_a_host()
    {
        var rig = new AppRig();
        var pairing = new HostPairing(rig.Config, rig.Clock, new RandomEntropySource(5));
        rig.Parts.Pairing = pairing;
        rig.SetUp("2580");
        rig.WriteDigits("2580");
        Assert.Equal(AppMode.Unlocked, rig.App.Mode);
        rig.Press(ButtonId.Admin);
        rig.Press(ButtonId.Model);
        rig.Press(ButtonId.PairHost);

        string? code = Labels(rig).FirstOrDefault(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[2-9A-Z]{5}-[2-9A-Z]{5}$"));
        Assert.NotNull(code);
        rig.Screenshot("pair-host");

        var slots = new ModelSlots(rig.Config);
        slots.Boot();
        var device = new PushDevice(slots, rig.Config, pairing, new RandomEntropySource(6), new FakeEngine(), new ActiveModel(), null!);
        var client = new PushClient(new LoopbackLink(new PushServer(device)));
        byte[] key = client.Pair(code!, new byte[16]);
        Assert.Equal(1u, client.Push(key, FakeEngine.Model(1, 100), 1).ActiveVersion);
    }

    [Fact]
    public void Without_a_model_the_lock_refuses_to_read_digits()
    {
        var rig = new AppRig();
        rig.Parts.Classifier = new ActiveModel();
        rig.WriteInBox(0, 4);
        Assert.Equal(BoxMark.Rewrite, rig.App.View.Boxes[0].Mark);
        Assert.Contains("NO MODEL", rig.App.View.Status);
        Assert.Equal(AppMode.Setup, rig.App.Mode);
    }

    private static List<string> Labels(AppRig rig)
    {
        var labels = new List<string>();
        for (int i = 0; i < rig.App.View.LabelCount; i++)
        {
            labels.Add(rig.App.View.GetLabel(i).Text);
        }

        return labels;
    }
}
