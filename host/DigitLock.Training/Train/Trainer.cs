using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Optim;

namespace DigitLock.Training.Train;

/// <summary>
/// Mini-batch training with a deterministic parallel split. Each batch is cut into one contiguous slice
/// per thread; every thread runs forward and backward on its slice with its own buffers (a <see cref="Pass"/>),
/// then the per-thread gradients are summed in thread order and the optimizer steps once.
/// Same seed and thread count give bit-identical weights.
/// </summary>
public sealed class Trainer(Network network, TrainingOptions options)
{
    public Network Network { get; } = network;

    public TrainingOptions Options { get; } = options;

    /// <summary>(epoch, batches done, batches in epoch) after every batch.</summary>
    public Action<int, int, int>? OnBatch { get; init; }

    public Action<EpochLog>? OnEpoch { get; init; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TrainingResult Fit(IDigitDataset train, IDigitDataset? validation)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("training set is empty");
        }

        var o = Options;
        var threads = Math.Max(1, o.Threads);
        var sliceMax = (o.BatchSize + threads - 1) / threads;
        var passes = Enumerable.Range(0, threads).Select(_ => new Pass(Network, sliceMax, withGradients: true)).ToArray();
        var optimizer = Optim.Optimizer.Create(o.Optimizer);
        var schedule = new LearningRateSchedule(o.Schedule, o.LearningRate, o.FinalLearningRate);
        var augmenter = o.Augment is null ? null : new Augmenter(o.Augment);
        var trainable = Network.Layers
            .Select((layer, index) => (layer, index))
            .Where(x => x.layer.Trainable)
            .SelectMany(x => x.layer.Parameters.Select((p, pi) => (Parameter: p, Layer: x.index, Index: pi)))
            .ToArray();

        var order = Enumerable.Range(0, train.Count).ToArray();
        var batchesPerEpoch = (train.Count + o.BatchSize - 1) / o.BatchSize;
        var totalBatches = (double)batchesPerEpoch * o.Epochs;
        var log = new List<EpochLog>();
        var best = (Accuracy: double.NegativeInfinity, Loss: double.PositiveInfinity, Epoch: 0, Weights: Snapshot());
        var stoppedEarly = false;
        var clock = Stopwatch.StartNew();
        var losses = new double[threads];
        var corrects = new int[threads];

        for (var epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            new Rng(o.Seed * 1000003UL + (ulong)epoch).Shuffle(order);
            double epochLoss = 0;
            long epochCorrect = 0;
            var lr = 0f;
            for (var batch = 0; batch < batchesPerEpoch; batch++)
            {
                var start = batch * o.BatchSize;
                var size = Math.Min(o.BatchSize, train.Count - start);
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    var from = start + t * size / threads;
                    var to = start + (t + 1) * size / threads;
                    losses[t] = RunSlice(passes[t], train, order, from, to - from, size, augmenter, epoch, out corrects[t]);
                });

                // Fixed reduction order: thread 0's buffers collect threads 1..T-1 in turn.
                for (var t = 0; t < threads; t++)
                {
                    epochLoss += losses[t];
                    epochCorrect += corrects[t];
                }

                foreach (var (_, layer, index) in trainable)
                {
                    var sum = passes[0].Gradients![layer][index];
                    for (var t = 1; t < threads; t++)
                    {
                        TensorPrimitives.Add(sum, passes[t].Gradients![layer][index], sum);
                    }
                }

                lr = schedule.At(((epoch - 1) * batchesPerEpoch + batch) / totalBatches);
                optimizer.BeginStep();
                foreach (var (parameter, layer, index) in trainable)
                {
                    optimizer.Step(parameter, passes[0].Gradients![layer][index], lr);
                }

                OnBatch?.Invoke(epoch, batch + 1, batchesPerEpoch);
            }

            double? valLoss = null, valAccuracy = null;
            if (validation is { Count: > 0 })
            {
                (valLoss, valAccuracy) = Predictor.Score(Predictor.Logits(Network, validation, threads), validation, Network.Classes);
            }

            var entry = new EpochLog(epoch, epochLoss / train.Count, (double)epochCorrect / train.Count,
                valLoss, valAccuracy, lr, epochClock.Elapsed.TotalSeconds);
            log.Add(entry);
            OnEpoch?.Invoke(entry);

            if (valAccuracy is { } acc)
            {
                if (acc > best.Accuracy || (acc == best.Accuracy && valLoss < best.Loss))
                {
                    best = (acc, valLoss!.Value, epoch, Snapshot());
                }
                else if (o.Patience > 0 && epoch - best.Epoch >= o.Patience)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        if (validation is { Count: > 0 })
        {
            Restore(best.Weights);
        }

        return new TrainingResult(log, validation is { Count: > 0 } ? best.Epoch : log.Count, stoppedEarly, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Forward, loss and backward for samples order[from .. from+count) on one thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double RunSlice(
        Pass pass, IDigitDataset train, int[] order, int from, int count, int batchSize, Augmenter? augmenter,
        int epoch, out int correct)
    {
        pass.ClearGradients();
        correct = 0;
        if (count == 0)
        {
            return 0;
        }

        Span<byte> labels = stackalloc byte[count];
        for (var i = 0; i < count; i++)
        {
            var sample = order[from + i];
            var input = pass.Activations[0].AsSpan(i * IDigitDataset.Pixels, IDigitDataset.Pixels);
            if (augmenter is null)
            {
                Images.ToFloats(train.Image(sample), input);
            }
            else
            {
                augmenter.Apply(train.Image(sample), input, Rng.For(Options.Seed, (ulong)epoch, (ulong)sample));
            }

            labels[i] = train.Label(sample);
        }

        pass.Forward(count);
        var loss = SoftmaxCrossEntropy.LossAndGradient(
            pass.Logits, labels, pass.ActivationGradients![^1], count, Network.Classes, batchSize, out correct);
        pass.Backward(count);
        return loss;
    }

    private float[][] Snapshot() => Network.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();

    private void Restore(float[][] weights)
    {
        var i = 0;
        foreach (var p in Network.Parameters)
        {
            weights[i++].CopyTo(p.Value, 0);
        }
    }
}
