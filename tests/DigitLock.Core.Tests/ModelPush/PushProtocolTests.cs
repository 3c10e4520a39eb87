using System.Security.Cryptography;
using DigitLock.Core.ModelPush;

namespace DigitLock.Core.Tests.ModelPush;

public class PushProtocolTests
{
    private static PushProtocolException Refused(Action push) => Assert.Throws<PushProtocolException>(push);

    [Fact]
    public void Paired_host_pushes_a_model_that_runs_now_and_after_reboot()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var outcome = rig.Client().Push(key, FakeEngine.Model(3, 10_000, selfTestDigit: 3), 7);

        Assert.Equal(7u, outcome.ActiveVersion);
        Assert.Equal("SELF-TEST PASSED", outcome.Note);
        Assert.Equal(3, outcome.ChunksSent);
        Assert.Equal(3, rig.ActiveDigit);
        Assert.Equal(1, rig.Observer.Changes);

        rig.Boot();
        Assert.Equal(7u, rig.ActiveVersion);
        Assert.Equal(3, rig.ActiveDigit);
        Assert.False(rig.Storage.Flash.Files.Keys.Any(k => k.StartsWith(ModelUpload.Folder)), "the upload's chunks are cleaned up");
    }

    [Fact]
    public void Second_push_keeps_the_first_model_for_rollback()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        rig.Client().Push(key, FakeEngine.Model(1, 5000), 1);
        rig.Client().Push(key, FakeEngine.Model(2, 6000), 2);
        Assert.Equal(2, rig.ActiveDigit);

        var back = rig.Client().Rollback(key);
        Assert.Equal(1u, back.ActiveVersion);
        Assert.Equal(1, rig.ActiveDigit);
        rig.Boot();
        Assert.Equal(1u, rig.ActiveVersion);

        // Rolling back again returns to version 2: both slots are kept.
        Assert.Equal(2u, rig.Client().Rollback(key).ActiveVersion);
    }

    [Fact]
    public void Rollback_without_a_previous_model_is_refused()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        rig.Client().Push(key, FakeEngine.Model(1, 100), 1);
        Assert.Equal(PushError.NoPrevious, Refused(() => rig.Client().Rollback(key)).Code);
        Assert.Equal(1u, rig.ActiveVersion);
    }

    [Fact]
    public void Model_without_self_test_is_installed_with_a_note()
    {
        var rig = new PushRig();
        var outcome = rig.Client().Push(rig.PairHost(), FakeEngine.Model(4, 900), 1);
        Assert.Contains("SELF-TEST SKIPPED", outcome.Note);
        Assert.Contains("SELF-TEST SKIPPED", rig.Slots.Active!.Note);
    }

    [Fact]
    public void Model_failing_its_self_test_changes_nothing()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        rig.Client().Push(key, FakeEngine.Model(1, 900), 1);
        // Answers 5 but its self-test expects 6: the engine reads it differently from the trainer.
        var error = Refused(() => rig.Client().Push(key, FakeEngine.Model(5, 900, selfTestDigit: 6), 2));
        Assert.Equal(PushError.SelfTestFailed, error.Code);
        Assert.Equal(1u, rig.ActiveVersion);
        Assert.Equal(1, rig.ActiveDigit);
    }

    [Fact]
    public void Model_the_engine_rejects_changes_nothing()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var junk = new byte[3000];
        Assert.Equal(PushError.ModelRejected, Refused(() => rig.Client().Push(key, junk, 2)).Code);
        Assert.Null(rig.ActiveVersion);
        Assert.Equal(-1, rig.ActiveDigit);
    }

    [Fact]
    public void Unpaired_device_refuses_a_push_and_writes_nothing()
    {
        var rig = new PushRig();
        var error = Refused(() => rig.Client().Push(RandomNumberGenerator.GetBytes(32), FakeEngine.Model(1, 900), 1));
        Assert.Equal(PushError.NotPaired, error.Code);
        Assert.Equal(0, rig.Storage.Writes);
        Assert.Empty(rig.Storage.Flash.Files);
    }

    [Fact]
    public void Push_with_another_key_is_refused_and_writes_nothing()
    {
        var rig = new PushRig();
        rig.PairHost();
        int writes = rig.Storage.Writes;
        var error = Refused(() => rig.Client().Push(RandomNumberGenerator.GetBytes(32), FakeEngine.Model(1, 900), 1));
        Assert.Equal(PushError.BadMac, error.Code);
        Assert.Equal(writes, rig.Storage.Writes);
    }

    [Fact]
    public void Model_bytes_tampered_in_transit_are_refused_at_commit()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        rig.Client().Push(key, FakeEngine.Model(1, 900), 1);

        // A man in the middle: the authenticated header names model A, the chunks carry model B.
        var a = FakeEngine.Model(2, 5000);
        var b = FakeEngine.Model(6, 5000);
        var client = rig.Client(out var link);
        var hello = client.Hello();
        var sha = DigitLock.Core.Security.Sha256.Hash(a);
        var begin = new ByteWriter(80).U32((uint)a.Length).U32(2).Bytes(sha)
            .Bytes(PushDevice.BeginMac(key, hello.Nonce, (uint)a.Length, 2, sha)).ToArray();
        link.Write(PushFrame.Encode(PushMessage.Begin, begin), 0, PushFrame.HeaderSize + begin.Length + 4);
        for (int i = 0; i < 2; i++)
        {
            int length = Math.Min(ModelUpload.ChunkSize, b.Length - i * ModelUpload.ChunkSize);
            var chunk = new ByteWriter(4100).U32((uint)i).Bytes(b, i * ModelUpload.ChunkSize, length).ToArray();
            link.Write(PushFrame.Encode(PushMessage.Chunk, chunk), 0, chunk.Length + 9);
        }

        link.Write(PushFrame.Encode(PushMessage.Commit, []), 0, 9);
        Assert.Contains(rig.Observer.Lines, l => l.Contains("do not match the authenticated SHA-256"));
        Assert.Equal(1u, rig.ActiveVersion);
        Assert.Equal(1, rig.ActiveDigit);
    }

    [Fact]
    public void Replayed_push_session_is_refused()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var client = rig.Client(out var recorded);
        client.Push(key, FakeEngine.Model(1, 900), 1);
        client.Push(key, FakeEngine.Model(2, 900), 2);
        Assert.Equal(2u, rig.ActiveVersion);

        // Replaying the whole recorded session (HELLO, BEGIN v1, chunks, COMMIT) would downgrade to v1.
        var replay = new LoopbackLink(rig.Server);
        foreach (var frame in recorded.Sent.Take(recorded.Sent.Count / 2))
        {
            replay.Write(frame, 0, frame.Length);
        }

        Assert.Equal(2u, rig.ActiveVersion);
        Assert.Contains(rig.Observer.Lines, l => l.Contains("not authenticated"));
        rig.Boot();
        Assert.Equal(2u, rig.ActiveVersion);
    }

    [Fact]
    public void A_session_nonce_authenticates_one_request_only()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var client = rig.Client(out var link);
        var hello = client.Hello();
        var model = FakeEngine.Model(1, 900);
        var sha = DigitLock.Core.Security.Sha256.Hash(model);
        var begin = new ByteWriter(80).U32(900).U32(1).Bytes(sha).Bytes(PushDevice.BeginMac(key, hello.Nonce, 900, 1, sha)).ToArray();
        var frame = PushFrame.Encode(PushMessage.Begin, begin);
        link.Write(frame, 0, frame.Length);
        link.Write(frame, 0, frame.Length);
        Assert.Contains(rig.Observer.Lines, l => l.Contains("no session nonce"));
    }

    [Fact]
    public void Too_large_model_is_refused_before_any_write()
    {
        var rig = new PushRig(maxModelBytes: 8192);
        byte[] key = rig.PairHost();
        rig.Client().Push(key, FakeEngine.Model(1, 900), 1);
        int writes = rig.Storage.Writes;
        var error = Refused(() => rig.Client().Push(key, FakeEngine.Model(2, 8193), 2));
        Assert.Equal(PushError.TooLarge, error.Code);
        Assert.Contains("8193", error.Message);
        Assert.Equal(writes, rig.Storage.Writes);
        Assert.Equal(1u, rig.ActiveVersion);
    }

    [Fact]
    public void Interrupted_push_resumes_where_it_stopped()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var model = FakeEngine.Model(8, 5 * ModelUpload.ChunkSize + 100);
        var client = rig.Client(out var link);
        link.WritesLeft = 1 + 1 + 3; // HELLO, BEGIN, three chunks, then the cable is pulled
        Assert.Throws<IOException>(() => client.Push(key, model, 9));
        Assert.Null(rig.ActiveVersion);

        rig.Boot(); // and the board was power-cycled too
        var outcome = rig.Client().Push(key, model, 9);
        Assert.Equal(3, outcome.ResumedFromChunk);
        Assert.Equal(3, outcome.ChunksSent);
        Assert.Equal(8, rig.ActiveDigit);
    }

    [Fact]
    public void A_different_model_discards_a_stored_partial_upload()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        var client = rig.Client(out var link);
        link.WritesLeft = 4;
        Assert.Throws<IOException>(() => client.Push(key, FakeEngine.Model(8, 20_000), 9));

        var outcome = rig.Client().Push(key, FakeEngine.Model(7, 20_000), 10);
        Assert.Equal(0, outcome.ResumedFromChunk);
        Assert.Equal(7, rig.ActiveDigit);
    }

    [Fact]
    public void Pairing_needs_the_open_code_and_the_code_works_once()
    {
        var rig = new PushRig();
        var nonce = new byte[16];
        Assert.Equal(PushError.PairingClosed, Refused(() => rig.Client().Pair("ABCDE-FGHJK", nonce)).Code);

        string code = rig.Pairing.Open();
        Assert.Matches("^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$", code);
        Assert.Equal(PushError.BadMac, Refused(() => rig.Client().Pair("22222-22222", nonce)).Code);
        Assert.False(rig.Pairing.IsPaired);
        byte[] key = rig.Client().Pair(code.ToLowerInvariant(), nonce);
        Assert.True(rig.Pairing.IsPaired);
        Assert.Equal(PushError.PairingClosed, Refused(() => rig.Client().Pair(code, nonce)).Code);
        rig.Client().Push(key, FakeEngine.Model(1, 900), 1);
    }

    [Fact]
    public void Pairing_code_dies_after_three_wrong_codes_or_two_minutes()
    {
        var rig = new PushRig();
        string code = rig.Pairing.Open();
        for (int i = 0; i < HostPairing.MaxWrongProofs; i++)
        {
            Refused(() => rig.Client().Pair("33333-33333", new byte[16]));
        }

        Assert.Equal(PushError.PairingClosed, Refused(() => rig.Client().Pair(code, new byte[16])).Code);

        code = rig.Pairing.Open();
        rig.Clock.Advance(HostPairing.CodeLifetimeMs);
        Assert.Equal(PushError.PairingClosed, Refused(() => rig.Client().Pair(code, new byte[16])).Code);
    }

    [Fact]
    public void New_pairing_replaces_the_old_host()
    {
        var rig = new PushRig();
        byte[] oldKey = rig.PairHost();
        byte[] newKey = rig.PairHost();
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(PushError.BadMac, Refused(() => rig.Client().Push(oldKey, FakeEngine.Model(1, 900), 1)).Code);
        rig.Client().Push(newKey, FakeEngine.Model(1, 900), 1);
    }

    [Fact]
    public void Damaged_active_slot_boots_the_previous_model()
    {
        var rig = new PushRig();
        byte[] key = rig.PairHost();
        rig.Client().Push(key, FakeEngine.Model(1, 900), 1);
        rig.Client().Push(key, FakeEngine.Model(2, 900), 2);
        var path = ModelSlots.SlotPath(rig.Slots.ActiveSlot);
        var bytes = rig.Storage.Flash.ReadAll(path);
        bytes[500] ^= 1;
        rig.Storage.Flash.WriteAtomic(path, bytes);

        rig.Boot();
        Assert.Equal(1u, rig.ActiveVersion);
        Assert.Contains("PREVIOUS", rig.Slots.BootNote);
    }
}
