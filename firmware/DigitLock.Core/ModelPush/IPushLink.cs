namespace DigitLock.Core.ModelPush
{
    /// <summary>A byte pipe to the other end: a TCP socket (simulator) or a serial port (board).</summary>
    public interface IPushLink
    {
        /// <summary>Blocks for at least one byte; 0 when the link closed.</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}
