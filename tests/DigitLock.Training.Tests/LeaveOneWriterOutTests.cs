using DigitLock.Training.Data;
using DigitLock.Training.Train;

namespace DigitLock.Training.Tests;

public class LeaveOneWriterOutTests
{
    /// <summary>Bars data in which writer w0 labels every bar one digit higher than everybody else does.</summary>
    private static DigitSet ContraryWriter()
    {
        var bars = TrainerTests.Bars(16, 31, writers: 4);
        var labels = Enumerable.Range(0, bars.Count)
            .Select(i => bars.Group(i) == "w0" ? (byte)((bars.Label(i) + 1) % 10) : bars.Label(i)).ToArray();
        var pixels = new byte[bars.Count * IDigitDataset.Pixels];
        for (var i = 0; i < bars.Count; i++)
        {
            bars.Image(i).CopyTo(pixels.AsSpan(i * IDigitDataset.Pixels));
        }

        return new DigitSet("contrary", pixels, labels, Enumerable.Range(0, bars.Count).Select(bars.Group).ToArray());
    }

    [Fact]
    public void Each_writer_is_scored_by_a_model_that_never_saw_that_writer()
    {
        var dir = Directory.CreateTempSubdirectory("dl-lowo").FullName;
        try
        {
            var data = ContraryWriter();
            var options = new TrainingOptions { Threads = 1, Augment = null, BatchSize = 16, LearningRate = 1e-3f, FinalLearningRate = 1e-5f };
            var recipes = new TransferTable(TransferTableTests.TrainedBase(dir, epochs: 30), data, options);
            var results = new LeaveOneWriterOut(recipes, data) { Threads = 1 }.Run();

            Assert.Equal(["w0", "w1", "w2", "w3"], results.Select(r => r.Writer));
            Assert.Equal(data.Count, results.Sum(r => r.Samples));

            // Trained on the three writers who agree, the model reads w0's bars the common way: w0 is nearly all
            // wrong. A model whose training set included w0 learns part of w0's labels.
            var contrary = results[0];
            Assert.True(contrary.Errors >= contrary.Samples * 9 / 10, $"w0: {contrary.Errors} of {contrary.Samples} wrong");
            Assert.All(results.Skip(1), r => Assert.True(r.Errors < contrary.Errors, $"{r.Writer}: {r.Errors} of {r.Samples} wrong"));
            var w0 = DigitSet.Select(data, Enumerable.Range(0, data.Count).Where(i => data.Group(i) == "w0").ToList());
            var leaked = recipes.Train(TransferMethod.FineTune, data, 1);
            var (_, leakedAccuracy) = Predictor.Score(Predictor.Logits(leaked, w0, 1), w0, 10);
            Assert.True((1 - leakedAccuracy) * w0.Count < contrary.Errors - 5, $"w0 trained on: {(1 - leakedAccuracy) * w0.Count} wrong");

            // The MNIST-only column is the untouched base model on the same writer.
            var baseline = recipes.BaseModel();
            var w1 = DigitSet.Select(data, Enumerable.Range(0, data.Count).Where(i => data.Group(i) == "w1").ToList());
            var (_, accuracy) = Predictor.Score(Predictor.Logits(baseline, w1, 1), w1, 10);
            Assert.Equal((int)Math.Round((1 - accuracy) * w1.Count), results[1].BaselineErrors);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Data_without_writer_ids_is_refused_naming_the_set()
    {
        var dir = Directory.CreateTempSubdirectory("dl-lowo").FullName;
        try
        {
            var data = TrainerTests.Bars(4, 2);
            var recipes = new TransferTable(TransferTableTests.TrainedBase(dir, epochs: 30), data, new TrainingOptions { Threads = 1 });
            var error = Assert.Throws<InvalidDataException>(() => new LeaveOneWriterOut(recipes, data).Run());
            Assert.Equal("bars: leave-one-writer-out needs samples from at least two writers, each with a writer id", error.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_summary_pools_errors_and_lists_the_worst_writers_first()
    {
        var results = new List<LeaveOneWriterOut.WriterResult>
        {
            new("w1", 100, 1, 10),
            new("w2", 100, 6, 20),
            new("w3", 100, 0, 0),
            new("w4", 100, 3, 5),
        };
        var text = LeaveOneWriterOut.Markdown(results, TransferMethod.FineTune, "pen");
        Assert.Contains("**97.50%** pooled (10 errors in 400 digits); MNIST model only on the same digits: 91.25%", text);
        Assert.Contains("Writers with no error: 1 of 4. The worst writer alone accounts for 6 errors (60%), the worst four for 10 (100%).", text);
        var rows = text.Split('\n').Where(l => l.StartsWith("| w", StringComparison.Ordinal) && !l.StartsWith("| writer", StringComparison.Ordinal)).ToList();
        Assert.Equal(["| w2 | 100 | 6 | 94.00% | 80.00% |", "| w4 | 100 | 3 | 97.00% | 95.00% |", "| w1 | 100 | 1 | 99.00% | 90.00% |", "| w3 | 100 | 0 | 100.00% | 100.00% |"], rows);
    }
}
