using System.Text.Json.Nodes;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Training.Tests;

public class TransferTableTests
{
    private const string Net = "conv 4 3x3 s2 valid relu | flatten | dense 8 relu | dense 10 linear";

    /// <summary>A small base model trained on bars (the tests' stand-in for MNIST), saved as DIR/base.model.</summary>
    internal static string TrainedBase(string dir, int epochs = 4)
    {
        var network = new Network(Net);
        network.Initialize(new Rng(3));
        new Trainer(network, new TrainingOptions { Epochs = epochs, BatchSize = 16, Threads = 1, Augment = null, LearningRate = 3e-3f }).Fit(TrainerTests.Bars(20, 11), null);
        var path = Path.Combine(dir, "base.model");
        ModelFile.Save(path, network, new JsonObject());
        return path;
    }

    [Fact]
    public void Every_method_and_the_mnist_only_baseline_are_scored_on_held_out_writers()
    {
        var dir = Directory.CreateTempSubdirectory("dl-tt").FullName;
        try
        {
            var basePath = TrainedBase(dir);
            var pen = TrainerTests.Bars(12, 21, writers: 6);
            var options = new TrainingOptions { Threads = 1, Augment = null, BatchSize = 16, LearningRate = 1e-3f, FinalLearningRate = 1e-5f, Seed = 5 };
            var cells = new TransferTable(basePath, pen, options) { ValidationWriters = 0.34 }.Run(["3", "all"], seeds: 1);

            Assert.Equal(1 + 2 * 3, cells.Count);
            var baseline = Assert.Single(cells, c => c.Size == TransferTable.BaselineSize);
            Assert.Equal(0, baseline.TrainSamples);

            // The baseline is the untouched base model on exactly the held-out writers of seed 5.
            var (_, heldOut) = Subsets.Split(pen, 0.34, 5);
            var (network, _) = ModelFile.Load(basePath);
            var (_, expected) = Predictor.Score(Predictor.Logits(network, heldOut, 1), heldOut, 10);
            Assert.Equal(expected, baseline.Accuracies[0], 9);

            foreach (var method in Enum.GetValues<TransferMethod>())
            {
                Assert.Equal(30, Assert.Single(cells, c => c.Size == "3" && c.Method == method).TrainSamples);
                Assert.Equal(pen.Count - heldOut.Count, Assert.Single(cells, c => c.Size == "all" && c.Method == method).TrainSamples);
            }

            Assert.All(cells, c => Assert.InRange(c.Accuracies[0], 0.0, 1.0));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_markdown_puts_an12892_beside_each_row_and_the_baseline_first()
    {
        var cells = new List<TransferTable.Cell>
        {
            new(TransferTable.BaselineSize, TransferMethod.FineTune, [0.9], 0),
            new("10", TransferMethod.An12892, [0.8, 0.82], 100),
            new("10", TransferMethod.FineTune, [0.95, 0.97], 100),
            new("10", TransferMethod.Scratch, [0.7, 0.72], 100),
        };
        var lines = TransferTable.Markdown(cells, 2, "pen").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("| examples per digit | train samples | TL, AN12892 recipe | TL, fine-tune all (ours) | without TL | AN12892 with TL | AN12892 without TL |", lines[1]);
        Assert.Equal("| 0 (MNIST model only) | 0 | 90.00% ± 0.00 | - | - | - | - |", lines[3]);
        Assert.Equal("| 10 | 100 | 81.00% ± 1.41 | 96.00% ± 1.41 | 71.00% ± 1.41 | 75.4-80 % | 71.6-76.4 % |", lines[4]);
    }
}
