using System.Net.Sockets;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Ui;

namespace DigitLock.Sim.Tests;

/// <summary>The simulated board with the real C engine and a real model, driven over its push port.</summary>
public sealed class SimBoardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("digitlock-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SimBoard Board(byte[]? factory) =>
        new(BoardProfile.M5StackCore2, Path.Combine(_dir, "flash"), Path.Combine(_dir, "sd"), factory, new SerialConsole());

    [SharedModelFact]
    public void Engine_model_reads_a_digit_image_into_scores_summing_to_one()
    {
        var model = EngineModel.TryCreate(File.ReadAllBytes(SharedModel.PicoPath), out var reason);
        Assert.True(model != null, reason);
        var image = new byte[28 * 28];
        for (int y = 4; y < 24; y++)
        {
            image[y * 28 + 14] = 255; // a vertical bar: a "1"
            image[y * 28 + 15] = 255;
        }

        var scores = new byte[10];
        int digit = model!.Classify(image, scores);
        Assert.Equal(Array.IndexOf(scores, scores.Max()), digit);
        Assert.InRange(scores.Sum(s => s), 230, 275); // softmax probabilities scaled to 0..255
        Assert.Null(model.Metadata(ModelSelfTest.MetadataName));
        model.Release();
    }

    [SharedModelFact]
    public void Engine_rejects_bytes_that_are_not_a_model()
    {
        Assert.Null(EngineModel.TryCreate(new byte[500], out var reason));
        Assert.NotEmpty(reason);
    }

    [SharedModelFact]
    public void Board_installs_the_factory_model_and_refuses_an_unpaired_push_over_tcp()
    {
        var factory = File.ReadAllBytes(SharedModel.PicoPath);
        using var board = Board(factory);
        board.Start(0);
        Assert.Equal(1u, board.Read((app, model) => model!.Version));

        using var tcp = new TcpClient("127.0.0.1", board.PushPort) { ReceiveTimeout = 10000 };
        var client = new PushClient(new TcpPushLink(tcp.GetStream()));
        var hello = client.Hello();
        Assert.Equal("sim-m5stack-core2", hello.DeviceId);
        Assert.False(hello.Paired);
        Assert.Equal(1u, hello.ActiveVersion);
        var refused = Assert.Throws<PushProtocolException>(() => client.Push(new byte[32], factory, 2));
        Assert.Equal(PushError.NotPaired, refused.Code);

        board.Restart();
        Assert.Equal(2, board.Boots);
        Assert.Equal(1u, board.Read((app, model) => model!.Version));
        Assert.Contains(board.Serial.Snapshot(), l => l.Contains("push refused: no host is paired"));
    }

    [Fact]
    public void Board_without_a_model_says_so_and_boots_to_set_up()
    {
        using var board = Board(null);
        Assert.Null(board.Read((app, model) => model));
        Assert.Equal(AppMode.Setup, board.Read((app, model) => app.Mode));
        Assert.Contains(board.Serial.Snapshot(), l => l.Contains("model: NONE"));
    }
}
