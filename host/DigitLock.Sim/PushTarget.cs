using System.Net.Sockets;
using System.Text.Json;
using DigitLock.Core.ModelPush;

namespace DigitLock.Sim;

/// <summary>Where `digitlock push` and `digitlock pair` connect: sim://HOST:PORT (the simulator's web port) or serial:/dev/ttyXXX[@BAUD] (a board).</summary>
public sealed class PushTarget : IDisposable
{
    private readonly IDisposable _connection;

    private PushTarget(TcpClient tcp, string description)
    {
        _connection = tcp;
        Description = description;
        Link = new TcpPushLink(tcp.GetStream());
    }

    private PushTarget(SerialPortLink serial, string description)
    {
        _connection = serial;
        Description = description;
        Link = serial;
    }

    public IPushLink Link { get; }

    public string Description { get; }

    /// <summary>Connects, or throws InvalidDataException/IOException with a one-line reason.</summary>
    public static PushTarget Open(string target)
    {
        if (target.StartsWith("sim://", StringComparison.Ordinal))
        {
            var hostPort = target["sim://".Length..].TrimEnd('/');
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var webPort))
            {
                throw new InvalidDataException($"{target}: expected sim://HOST:PORT");
            }

            var host = hostPort[..colon];
            int pushPort = AskPushPort(host, webPort, target);
            var tcp = new TcpClient();
            try
            {
                tcp.Connect(host, pushPort);
            }
            catch (SocketException e)
            {
                tcp.Dispose();
                throw new IOException($"{target}: cannot connect to the push port {pushPort}: {e.Message}");
            }

            tcp.ReceiveTimeout = 30000;
            return new PushTarget(tcp, $"{target} (push port {pushPort})");
        }

        if (target.StartsWith("serial:", StringComparison.Ordinal))
        {
            var (path, baud) = SerialPortLink.ParseTarget(target["serial:".Length..]);
            return new PushTarget(SerialPortLink.Open(path, baud), $"{path} at {baud} baud");
        }

        throw new InvalidDataException($"{target}: unknown target (expected sim://HOST:PORT, serial:/dev/ttyXXX[@BAUD] or sd:DIR)");
    }

    public void Dispose() => _connection.Dispose();

    private static int AskPushPort(string host, int webPort, string target)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var json = http.GetStringAsync($"http://{host}:{webPort}/api/state").GetAwaiter().GetResult();
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("pushPort").GetInt32();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            throw new IOException($"{target}: no simulator answers there ({e.Message})");
        }
    }
}
