using System.Globalization;

namespace DigitLock.Cli.Flashing;

/// <summary>
/// Checks an Intel HEX file record by record (byte count, record type, checksum, end-of-file
/// record) and keeps what the firmware check needs: where the data lies and the bytes at the
/// boot-header offsets. A file that fails any line is refused before anything touches the probe.
/// </summary>
public sealed class IntelHexFile
{
    private readonly Dictionary<uint, byte> _probed = new();
    private readonly HashSet<uint> _probes;

    private IntelHexFile(IReadOnlyCollection<uint> probeAddresses)
    {
        _probes = new HashSet<uint>(probeAddresses);
    }

    public long DataBytes { get; private set; }

    public uint LowestAddress { get; private set; } = uint.MaxValue;

    /// <summary>One past the highest address holding data.</summary>
    public ulong EndAddress { get; private set; }

    /// <summary>The byte the file places at <paramref name="address"/>, when it is one of the probed addresses.</summary>
    public byte? ByteAt(uint address) => _probed.TryGetValue(address, out var value) ? value : null;

    /// <param name="probeAddresses">Addresses whose bytes the caller wants to look at afterwards.</param>
    public static IntelHexFile Parse(string path, IReadOnlyCollection<uint> probeAddresses)
    {
        var name = Path.GetFileName(path);
        var hex = new IntelHexFile(probeAddresses);
        uint upper = 0;
        bool ended = false;
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            string where = $"{name} line {lineNumber}";
            if (ended)
            {
                throw new InvalidDataException($"{where}: data after the end-of-file record");
            }

            var record = Decode(line, where);
            int count = record[0];
            uint offset = (uint)((record[1] << 8) | record[2]);
            int type = record[3];
            var data = record.AsSpan(4, count);
            switch (type)
            {
                case 0x00:
                    hex.AddData(upper + offset, data);
                    break;
                case 0x01:
                    if (count != 0)
                    {
                        throw new InvalidDataException($"{where}: end-of-file record carries {count} data bytes");
                    }

                    ended = true;
                    break;
                case 0x02:
                    RequireLength(count, 2, where, "extended segment address");
                    upper = (uint)((data[0] << 8) | data[1]) << 4;
                    break;
                case 0x04:
                    RequireLength(count, 2, where, "extended linear address");
                    upper = (uint)((data[0] << 8) | data[1]) << 16;
                    break;
                case 0x03:
                case 0x05:
                    RequireLength(count, 4, where, "start address");
                    break;
                default:
                    throw new InvalidDataException($"{where}: unknown record type 0x{type:X2}");
            }
        }

        if (!ended)
        {
            throw new InvalidDataException($"{name}: no end-of-file record (:00000001FF); the file is truncated");
        }

        if (hex.DataBytes == 0)
        {
            throw new InvalidDataException($"{name}: holds no data records");
        }

        return hex;
    }

    /// <summary>The record's bytes (count, address, type, data, checksum), after checking length and checksum.</summary>
    private static byte[] Decode(string line, string where)
    {
        if (line[0] != ':')
        {
            throw new InvalidDataException($"{where}: does not start with ':' (not an Intel HEX record)");
        }

        var digits = line.AsSpan(1);
        if (digits.Length % 2 != 0 || digits.Length < 10)
        {
            throw new InvalidDataException($"{where}: {digits.Length} hex digits, a record needs an even number and at least 10");
        }

        var bytes = new byte[digits.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(digits.Slice(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new InvalidDataException($"{where}: '{digits.Slice(i * 2, 2)}' is not a hex byte");
            }
        }

        if (bytes.Length != bytes[0] + 5)
        {
            throw new InvalidDataException($"{where}: byte count says {bytes[0]} data bytes, the record holds {bytes.Length - 5}");
        }

        int sum = 0;
        for (int i = 0; i < bytes.Length - 1; i++)
        {
            sum += bytes[i];
        }

        byte expected = (byte)(-sum & 0xFF);
        if (bytes[^1] != expected)
        {
            throw new InvalidDataException($"{where}: checksum 0x{bytes[^1]:X2}, the record's bytes need 0x{expected:X2}");
        }

        return bytes;
    }

    private static void RequireLength(int count, int expected, string where, string what)
    {
        if (count != expected)
        {
            throw new InvalidDataException($"{where}: {what} record with {count} bytes, expected {expected}");
        }
    }

    private void AddData(uint address, ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }

        DataBytes += data.Length;
        LowestAddress = Math.Min(LowestAddress, address);
        EndAddress = Math.Max(EndAddress, (ulong)address + (ulong)data.Length);
        foreach (var probe in _probes)
        {
            if (probe >= address && (ulong)probe < (ulong)address + (ulong)data.Length)
            {
                _probed[probe] = data[(int)(probe - address)];
            }
        }
    }
}
