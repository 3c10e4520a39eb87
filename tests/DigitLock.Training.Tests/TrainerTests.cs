using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Training.Tests;

public class TrainerTests
{
    private const string TinyNet = "conv 4 3x3 s2 valid relu | maxpool 2x2 s2 | flatten | dense 10 linear";

    /// <summary>Ten synthetic "digits": digit d is a bar at row 2 + 2d, jittered by one row, with noise.</summary>
    internal static DigitSet Bars(int perDigit, ulong seed, int writers = 1)
    {
        var rng = new Rng(seed);
        var count = perDigit * 10;
        var pixels = new byte[count * IDigitDataset.Pixels];
        var labels = new byte[count];
        var groups = new string[count];
        for (var i = 0; i < count; i++)
        {
            var digit = i % 10;
            labels[i] = (byte)digit;
            groups[i] = $"w{i % writers}";
            var row = 3 + 2 * digit + rng.NextInt(2);
            for (var x = 4; x < 24; x++)
            {
                pixels[i * IDigitDataset.Pixels + row * 28 + x] = 255;
            }

            for (var p = 0; p < IDigitDataset.Pixels; p++)
            {
                ref var v = ref pixels[i * IDigitDataset.Pixels + p];
                v = (byte)Math.Max((int)v, rng.NextInt(40));
            }
        }

        return new DigitSet("bars", pixels, labels, groups);
    }

    [Fact]
    public void LearnsASeparableProblem()
    {
        // No pooling, so the bar's row (the class) survives to the dense layer.
        var network = new Network("conv 4 3x3 s2 valid relu | flatten | dense 10 linear");
        network.Initialize(new Rng(5));
        var options = new TrainingOptions { Epochs = 6, BatchSize = 16, Threads = 2, Augment = null, LearningRate = 3e-3f };
        var result = new Trainer(network, options).Fit(Bars(30, 1), Bars(10, 2));
        Assert.True(result.Epochs[^1].ValidationAccuracy > 0.9, $"validation accuracy {result.Epochs[^1].ValidationAccuracy}");
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss);
    }

    [Fact]
    public void SameSeedAndThreadsGiveIdenticalWeights()
    {
        float[] Train(ulong seed, int threads)
        {
            var network = new Network(TinyNet);
            network.Initialize(new Rng(seed));
            var options = new TrainingOptions { Epochs = 2, BatchSize = 10, Threads = threads, Seed = seed, Augment = new AugmentOptions() };
            new Trainer(network, options).Fit(Bars(8, 3), null);
            return network.Parameters.SelectMany(p => p.Value).ToArray();
        }

        var first = Train(7, 2);
        Assert.Equal(first, Train(7, 2));
        Assert.NotEqual(first, Train(8, 2));
        // Another thread count changes only the summation order: close, not necessarily equal.
        var other = Train(7, 1);
        Assert.All(first.Zip(other), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-3f));
    }

    [Fact]
    public void FrozenLayersStayFixedAndResetLayersChange()
    {
        var network = new Network("conv 4 3x3 s2 valid relu | maxpool 2x2 s2 | flatten | dense 8 relu | dense 10 linear");
        network.Initialize(new Rng(1));
        var conv = (float[])network.Layers[0].Parameters[0].Value.Clone();
        var head = (float[])network.Layers[4].Parameters[0].Value.Clone();

        TransferRecipe.Apply(network, "conv", resetHead: 3, new Rng(2));
        Assert.False(network.Layers[0].Trainable);
        Assert.NotEqual(head, network.Layers[4].Parameters[0].Value);

        new Trainer(network, new TrainingOptions { Epochs = 1, BatchSize = 10, Threads = 1, Augment = null }).Fit(Bars(5, 4), null);
        Assert.Equal(conv, network.Layers[0].Parameters[0].Value);

        TransferRecipe.Apply(network, "none", resetHead: 0, new Rng(2));
        new Trainer(network, new TrainingOptions { Epochs = 1, BatchSize = 10, Threads = 1, Augment = null }).Fit(Bars(5, 4), null);
        Assert.NotEqual(conv, network.Layers[0].Parameters[0].Value);
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpoch()
    {
        var network = new Network(TinyNet);
        network.Initialize(new Rng(5));
        // A learning rate this high diverges after the first epochs; patience 1 must stop and keep the best.
        var options = new TrainingOptions { Epochs = 12, BatchSize = 8, Threads = 1, Augment = null, LearningRate = 0.5f, Schedule = "constant", Optimizer = "sgd", Patience = 1 };
        var validation = Bars(5, 9);
        var result = new Trainer(network, options).Fit(Bars(20, 8), validation);
        var best = result.Epochs.Max(e => e.ValidationAccuracy!.Value);
        var (_, accuracy) = Predictor.Score(Predictor.Logits(network, validation, 1), validation, 10);
        Assert.Equal(best, accuracy, 6);
        Assert.Equal(best, result.Epochs.First(e => e.Epoch == result.BestEpoch).ValidationAccuracy!.Value, 6);
    }
}
