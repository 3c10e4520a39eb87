using DigitLock.Training.Data;

namespace DigitLock.Training.Train;

public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 64;

    /// <summary>Threads a batch is split across; results are identical for the same seed and thread count.</summary>
    public int Threads { get; init; } = 2;

    public ulong Seed { get; init; } = 1;

    public string Optimizer { get; init; } = "adam";

    public string Schedule { get; init; } = "cosine";

    public float LearningRate { get; init; } = 2e-3f;

    public float FinalLearningRate { get; init; } = 2e-5f;

    /// <summary>Null: train on the images as they are.</summary>
    public AugmentOptions? Augment { get; init; } = new();

    /// <summary>Stop when validation accuracy has not improved for this many epochs (0: never stop early).</summary>
    public int Patience { get; init; } = 3;
}

/// <summary>One epoch's figures, as logged to JSON and plotted.</summary>
public sealed record EpochLog(
    int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy,
    double LearningRate, double Seconds);

public sealed record TrainingResult(IReadOnlyList<EpochLog> Epochs, int BestEpoch, bool StoppedEarly, double Seconds);
