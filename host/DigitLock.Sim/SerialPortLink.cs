using System.Runtime.InteropServices;
using DigitLock.Core.ModelPush;

namespace DigitLock.Sim;

/// <summary>
/// The push protocol over a Linux serial device (/dev/ttyACM0, /dev/ttyUSB0, a pty), opened raw with
/// termios through libc: System.IO.Ports is not in the shared framework and NuGet access is limited.
/// Reads and writes wait with poll(2) so a silent board gives a timeout, not a hang.
/// </summary>
public sealed class SerialPortLink : IPushLink, IDisposable
{
    public const int DefaultBaud = 115200;

    private readonly string _name;
    private int _fd;

    /// <summary>Takes ownership of an open, non-blocking descriptor (e.g. a pty master).</summary>
    public SerialPortLink(int fd, string name, int timeoutMs)
    {
        _fd = fd;
        _name = name;
        TimeoutMs = timeoutMs;
    }

    /// <summary>How long a read or write waits for the other end; negative: forever.</summary>
    public int TimeoutMs { get; set; }

    /// <summary>Opens <paramref name="path"/> raw, 8N1, no flow control, at <paramref name="baud"/>; throws IOException with a one-line reason.</summary>
    public static SerialPortLink Open(string path, int baud = DefaultBaud, int timeoutMs = 30000)
    {
        // O_NONBLOCK: open must not wait for carrier detect on modem-style ports.
        int fd = Posix.open(path, Posix.O_RDWR | Posix.O_NOCTTY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"{path}: cannot open the serial port: {Posix.LastError()}");
        }

        try
        {
            if (Posix.isatty(fd) != 1)
            {
                throw new IOException($"{path}: not a serial port (not a terminal device)");
            }

            var tio = new Posix.Termios { c_cc = new byte[32] };
            if (Posix.tcgetattr(fd, ref tio) != 0)
            {
                throw new IOException($"{path}: cannot read the port settings: {Posix.LastError()}");
            }

            Posix.cfmakeraw(ref tio);
            tio.c_cflag |= Posix.CLOCAL | Posix.CREAD;
            tio.c_cflag &= ~(Posix.CSTOPB | Posix.PARENB | Posix.CRTSCTS);
            // glibc's cfsetspeed accepts the plain rate as well as the Bxxx constant.
            if (Posix.cfsetspeed(ref tio, (uint)baud) != 0)
            {
                throw new IOException($"{path}: unsupported baud rate {baud}");
            }

            if (Posix.tcsetattr(fd, Posix.TCSANOW, ref tio) != 0)
            {
                throw new IOException($"{path}: cannot configure the port: {Posix.LastError()}");
            }

            // Stale bytes from before (a board's boot log) would only be skipped as noise, but cost time.
            Posix.tcflush(fd, Posix.TCIOFLUSH);
        }
        catch
        {
            Posix.close(fd);
            throw;
        }

        return new SerialPortLink(fd, path, timeoutMs);
    }

    /// <summary>Parses serial:/dev/ttyXXX[@BAUD] (without the scheme).</summary>
    public static (string Path, int Baud) ParseTarget(string spec)
    {
        int at = spec.LastIndexOf('@');
        string path = at < 0 ? spec : spec[..at];
        int baud = DefaultBaud;
        if (at >= 0 && (!int.TryParse(spec[(at + 1)..], out baud) || baud <= 0))
        {
            throw new InvalidDataException($"serial:{spec}: expected serial:/dev/ttyXXX[@BAUD], e.g. serial:/dev/ttyACM0@115200");
        }

        if (path.Length == 0)
        {
            throw new InvalidDataException($"serial:{spec}: no device path (expected serial:/dev/ttyXXX[@BAUD])");
        }

        return (path, baud);
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length - offset, count);
        if (count == 0)
        {
            return 0;
        }

        while (true)
        {
            int events = Wait(Posix.POLLIN);
            if ((events & Posix.POLLIN) == 0)
            {
                // A pty master whose slave closed reports hang-up only.
                return 0;
            }

            var n = (int)Posix.read(_fd, ref buffer[offset], (nint)count);
            if (n > 0)
            {
                return n;
            }

            if (n == 0)
            {
                return 0;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno == Posix.EIO)
            {
                return 0;
            }

            if (errno != Posix.EAGAIN && errno != Posix.EINTR)
            {
                throw new IOException($"{_name}: read failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length - offset, count);
        while (count > 0)
        {
            if ((Wait(Posix.POLLOUT) & Posix.POLLOUT) == 0)
            {
                throw new IOException($"{_name}: the port hung up");
            }

            var n = (int)Posix.write(_fd, ref buffer[offset], (nint)count);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Posix.EAGAIN || errno == Posix.EINTR)
                {
                    continue;
                }

                throw new IOException($"{_name}: write failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            offset += n;
            count -= n;
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Posix.close(_fd);
            _fd = -1;
        }
    }

    /// <summary>Polls for <paramref name="wanted"/>; returns the events, throws IOException on timeout.</summary>
    private int Wait(short wanted)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var pfd = new Posix.PollFd { fd = _fd, events = wanted };
        while (true)
        {
            int r = Posix.poll(ref pfd, 1, TimeoutMs);
            if (r > 0)
            {
                return pfd.revents;
            }

            if (r == 0)
            {
                throw new IOException($"{_name}: no answer from the device within {TimeoutMs / 1000.0:0.#} s (is it running the DigitLock firmware at this baud rate?)");
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Posix.EINTR)
            {
                throw new IOException($"{_name}: poll failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    /// <summary>libc declarations for Linux x86-64 / arm64 glibc.</summary>
    private static class Posix
    {
        public const int O_RDWR = 0x2;
        public const int O_NOCTTY = 0x100;
        public const int O_NONBLOCK = 0x800;
        public const int O_CLOEXEC = 0x80000;
        public const int TCSANOW = 0;
        public const int TCIOFLUSH = 2;
        public const uint CSTOPB = 0x40;
        public const uint CREAD = 0x80;
        public const uint PARENB = 0x100;
        public const uint CLOCAL = 0x800;
        public const uint CRTSCTS = 0x80000000;
        public const short POLLIN = 0x1;
        public const short POLLOUT = 0x4;
        public const int EINTR = 4;
        public const int EIO = 5;
        public const int EAGAIN = 11;

        /// <summary>glibc's struct termios: 60 bytes (3 bytes of padding after c_cc).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Termios
        {
            public uint c_iflag;
            public uint c_oflag;
            public uint c_cflag;
            public uint c_lflag;
            public byte c_line;

            [MarshalAs(UnmanagedType.ByValArray, SizeConst = 32)]
            public byte[] c_cc;

            public uint c_ispeed;
            public uint c_ospeed;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int fd;
            public short events;
            public short revents;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int isatty(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int tcgetattr(int fd, ref Termios termios);

        [DllImport("libc", SetLastError = true)]
        public static extern int tcsetattr(int fd, int optionalActions, ref Termios termios);

        [DllImport("libc")]
        public static extern void cfmakeraw(ref Termios termios);

        [DllImport("libc", SetLastError = true)]
        public static extern int cfsetspeed(ref Termios termios, uint speed);

        [DllImport("libc", SetLastError = true)]
        public static extern int tcflush(int fd, int queue);

        [DllImport("libc", SetLastError = true)]
        public static extern nint read(int fd, ref byte buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern nint write(int fd, ref byte buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern int poll(ref PollFd fds, ulong count, int timeoutMs);

        public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
    }
}
