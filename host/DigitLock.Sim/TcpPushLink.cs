using System.Net.Sockets;
using DigitLock.Core.ModelPush;

namespace DigitLock.Sim;

/// <summary>The push protocol over TCP: the simulator's stand-in for the board's serial port.</summary>
public sealed class TcpPushLink(NetworkStream stream) : IPushLink
{
    public int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return stream.Read(buffer, offset, count);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Write(byte[] buffer, int offset, int count) => stream.Write(buffer, offset, count);
}
