using System.CommandLine;
using System.Security.Cryptography;
using DigitLock.Core.ModelPush;
using DigitLock.Sim;

namespace DigitLock.Cli.Commands;

/// <summary>`digitlock pair` and `digitlock push`: authenticated model push (docs/push-protocol.md).</summary>
public static class PushCommand
{
    public static Command CreatePair()
    {
        var to = Target();
        var code = new Option<string>("--code") { Description = "The one-time code the device shows (ADMIN > MODEL > PAIR HOST)", Required = true };
        var command = new Command("pair", "Pair this host with a device so it may push models; the key is kept in " + HostKeys.EnvironmentVariable + " or ~/.config/digitlock/paired.");
        command.Options.Add(to);
        command.Options.Add(code);
        command.SetAction(parse => Run(parse, () =>
        {
            using var target = PushTarget.Open(parse.GetValue(to)!);
            var client = new PushClient(target.Link);
            var hello = client.Hello();
            var key = client.Pair(parse.GetValue(code)!, RandomNumberGenerator.GetBytes(PushDevice.NonceSize));
            var path = HostKeys.Default().Save(hello.DeviceId, key);
            parse.InvocationConfiguration.Output.WriteLine($"paired with {hello.DeviceId}; key saved to {path}");
        }));
        return command;
    }

    public static Command CreatePush()
    {
        var to = Target();
        var model = new Option<string>("--model", "-m") { Description = "The .tflite model to push (\"default\" = models/default.tflite)" };
        var version = new Option<uint?>("--version") { Description = "Model version to record (default: the device's active version + 1)" };
        var rollback = new Option<bool>("--rollback") { Description = "Switch the device back to its previous model instead of pushing" };
        var command = new Command("push", "Push a model to a paired device (written to its inactive slot, verified, self-tested, then switched to), or roll back.");
        command.Options.Add(model);
        command.Options.Add(to);
        command.Options.Add(version);
        command.Options.Add(rollback);
        command.SetAction(parse => Run(parse, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var modelValue = parse.GetValue(model);
            bool back = parse.GetValue(rollback);
            if (back == (modelValue != null))
            {
                throw new InvalidDataException("give either --model M.tflite or --rollback");
            }

            byte[]? bytes = modelValue == null ? null : File.ReadAllBytes(ModelPath.Resolve(modelValue));
            var where = parse.GetValue(to)!;
            if (where.StartsWith("sd:", StringComparison.Ordinal))
            {
                PushToCard(where["sd:".Length..], bytes, parse.GetValue(version), output);
                return;
            }

            using var target = PushTarget.Open(where);
            var client = new PushClient(target.Link);
            var hello = client.Hello();
            var key = HostKeys.Default().Load(hello.DeviceId) ?? throw new InvalidDataException(
                $"this host is not paired with {hello.DeviceId}: on the device unlock, ADMIN > MODEL > PAIR HOST, then run digitlock pair --to {parse.GetValue(to)} --code CODE");
            if (bytes == null)
            {
                var result = client.Rollback(key);
                output.WriteLine($"{hello.DeviceId}: rolled back to model v{result.ActiveVersion} (slot {result.ActiveSlot})");
                return;
            }

            if (bytes.Length > hello.MaxModelBytes)
            {
                throw new InvalidDataException($"{modelValue}: {bytes.Length} bytes, the device's slot holds {hello.MaxModelBytes}");
            }

            uint newVersion = parse.GetValue(version) ?? hello.ActiveVersion + 1;
            var outcome = client.Push(key, bytes, newVersion);
            output.WriteLine($"{hello.DeviceId}: model v{outcome.ActiveVersion} active in slot {outcome.ActiveSlot} " +
                $"({bytes.Length} bytes, {outcome.ChunksSent} chunks sent" +
                (outcome.ResumedFromChunk > 0 ? $", resumed at chunk {outcome.ResumedFromChunk}" : "") + $"); {outcome.Note}");
        }));
        return command;
    }

    /// <summary>
    /// Writes an authenticated package onto a card the board takes at its next boot
    /// (Core/ModelPush/CardImport). No nonce on a card: the version must be above the board's.
    /// </summary>
    private static void PushToCard(string dir, byte[]? model, uint? version, TextWriter output)
    {
        if (model == null)
        {
            throw new InvalidDataException("sd: targets take --model only (roll back over sim:// or on the device)");
        }

        if (version == null)
        {
            throw new InvalidDataException("sd: targets need --version N, above every version the board holds (the card carries no nonce)");
        }

        var idFile = Path.Combine(dir, CardImport.DeviceIdPath);
        if (!File.Exists(idFile))
        {
            throw new FileNotFoundException($"{idFile}: not found; boot the board once with this card in it (it writes its device id there)");
        }

        var deviceId = File.ReadAllText(idFile).Trim();
        var key = HostKeys.Default().Load(deviceId) ?? throw new InvalidDataException(
            $"this host is not paired with {deviceId}: pair over sim:// or serial first");
        Directory.CreateDirectory(Path.Combine(dir, CardImport.Folder));
        File.WriteAllBytes(Path.Combine(dir, CardImport.ModelPath), model);
        File.WriteAllBytes(Path.Combine(dir, CardImport.AuthPath), CardImport.EncodeAuth(key, deviceId, model, version.Value));
        File.Delete(Path.Combine(dir, CardImport.ResultPath));
        output.WriteLine($"{deviceId}: model v{version} ({model.Length} bytes) written to the card at {dir}; " +
            $"the board installs it at its next boot and writes {CardImport.ResultPath}");
    }

    private static Option<string> Target() => new("--to")
    {
        Description = "The device: sim://127.0.0.1:PORT (a running simulator's web port), serial:/dev/ttyXXX[@BAUD] (a board's USB serial port, default 115200), or sd:DIR (a board's SD card, push only)",
        Required = true,
    };

    private static int Run(ParseResult parse, Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (PushProtocolException e)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Code == PushClient.LinkClosed
                ? $"error: {e.Message}"
                : $"error: the device refused: {e.Message}");
            return 1;
        }
        catch (Exception e) when (CommandFailure.IsUserFacing(e))
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
