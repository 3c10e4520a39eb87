namespace DigitLock.Sim;

/// <summary>
/// The host's side of pairing: one 32-byte key per device id, in DIGITLOCK_KEYS_DIR or
/// ~/.config/digitlock/paired, readable by the owner only.
/// </summary>
public sealed class HostKeys(string directory)
{
    public const string EnvironmentVariable = "DIGITLOCK_KEYS_DIR";

    public string Directory { get; } = directory;

    public static HostKeys Default()
    {
        var dir = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(dir))
        {
            dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "digitlock", "paired");
        }

        return new HostKeys(dir);
    }

    public string PathFor(string deviceId)
    {
        if (deviceId.Length == 0 || deviceId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidDataException($"device id \"{deviceId}\" is not a safe file name");
        }

        return Path.Combine(Directory, deviceId + ".key");
    }

    public byte[]? Load(string deviceId)
    {
        var path = PathFor(deviceId);
        if (!File.Exists(path))
        {
            return null;
        }

        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new InvalidDataException($"{path}: not a 32-byte key");
    }

    public string Save(string deviceId, byte[] key)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(deviceId);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(key);
        }

        return path;
    }
}
