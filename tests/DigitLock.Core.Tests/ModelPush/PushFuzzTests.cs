using DigitLock.Core.ModelPush;
using Xunit.Abstractions;

namespace DigitLock.Core.Tests.ModelPush;

/// <summary>
/// Random and mutated frames against a paired device running model v1: nothing may throw out of
/// the device end, no internal error may occur, and the running model must stay v1. Seeds are
/// fixed so a failure reproduces.
/// </summary>
public class PushFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 20000;

    [Fact]
    public void Random_and_mutated_frames_never_crash_the_device_or_change_its_model()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var client = rig.Client(out var recorded);
        client.Push(key, FakeEngine.Model(1, 9000, selfTestDigit: 1), 1);
        client.Push(key, FakeEngine.Model(2, 9000, selfTestDigit: 2), 2);
        client.Rollback(key);
        Assert.Equal(1u, rig.ActiveVersion);
        var frames = recorded.Sent;

        var random = new Random(1234);
        int delivered = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] input = (i % 4) switch
            {
                0 => RandomBytes(random, random.Next(1, 600)),
                1 => PushFrame.Encode(random.Next(256), RandomBytes(random, random.Next(0, 300))),
                2 => Mutate(random, frames[random.Next(frames.Count)], reframe: true),
                _ => Mutate(random, frames[random.Next(frames.Count)], reframe: false),
            };

            // Whole recorded sessions in random order, some frames mutated: replays with valid CRCs.
            if (i % 50 == 0)
            {
                foreach (var frame in frames.OrderBy(_ => random.Next()))
                {
                    rig.Server.Receive(frame, 0, frame.Length);
                }
            }

            var replies = rig.Server.Receive(input, 0, input.Length);
            delivered += replies == null ? 0 : 1;
        }

        Assert.Equal(0, rig.Device.InternalErrors);
        Assert.Equal(1u, rig.ActiveVersion);
        Assert.Equal(1, rig.ActiveDigit);
        rig.Boot();
        Assert.Equal(1u, rig.ActiveVersion);
        output.WriteLine($"{Iterations} fuzz inputs (+{Iterations / 50} shuffled session replays), {delivered} produced replies");

        // And the device still serves its real host afterwards.
        Assert.Equal(3u, rig.Client().Push(key, FakeEngine.Model(3, 5000), 3).ActiveVersion);
    }

    [Fact]
    public void Frame_decoder_finds_a_frame_after_noise_and_drops_a_corrupt_one()
    {
        var decoder = new FrameDecoder();
        var good = PushFrame.Encode(PushMessage.Hello, [1]);
        var bad = (byte[])good.Clone();
        bad[5] ^= 0x40;
        var stream = new byte[] { 0x00, (byte)'D', 0x13, (byte)'D' }.Concat(bad).Concat(good).ToArray();
        int found = 0;
        foreach (var b in stream)
        {
            if (decoder.Feed(b))
            {
                found++;
                Assert.Equal(PushMessage.Hello, decoder.Type);
                Assert.Equal(new byte[] { 1 }, decoder.CopyPayload());
            }
        }

        Assert.Equal(1, found);
        Assert.Equal(1, decoder.DroppedFrames);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Flips, truncates or extends a recorded frame; with <paramref name="reframe"/> the CRC is recomputed so the device parses it.</summary>
    private static byte[] Mutate(Random random, byte[] frame, bool reframe)
    {
        var payload = frame.AsSpan(PushFrame.HeaderSize, frame.Length - PushFrame.HeaderSize - 4).ToArray();
        int type = frame[2];
        switch (random.Next(4))
        {
            case 0:
                if (payload.Length > 0)
                {
                    payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                payload = payload.AsSpan(0, random.Next(payload.Length + 1)).ToArray();
                break;
            case 2:
                payload = payload.Concat(RandomBytes(random, random.Next(1, 40))).ToArray();
                break;
            default:
                type = random.Next(1, 8);
                break;
        }

        if (reframe)
        {
            payload = payload.Take(PushFrame.MaxPayload).ToArray();
            return PushFrame.Encode(type, payload);
        }

        var raw = (byte[])frame.Clone();
        raw[random.Next(raw.Length)] ^= (byte)(1 << random.Next(8));
        return raw;
    }
}
