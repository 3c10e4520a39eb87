namespace DigitLock.Training.Optim;

/// <summary>Learning rate as a function of training progress (0 at the first batch, 1 after the last).</summary>
public sealed class LearningRateSchedule(string kind, float initial, float final)
{
    public string Kind { get; } = kind switch
    {
        "cosine" or "constant" or "step" => kind,
        _ => throw new ArgumentException($"unknown learning-rate schedule '{kind}' (cosine, step, constant)"),
    };

    public float Initial { get; } = initial;

    public float Final { get; } = final;

    public float At(double progress) => Kind switch
    {
        // Half a cosine from Initial down to Final.
        "cosine" => (float)(Final + (Initial - Final) * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1)))),
        // Divide by 10 at 50% and again at 75%.
        "step" => progress < 0.5 ? Initial : progress < 0.75 ? Initial / 10 : Initial / 100,
        _ => Initial,
    };
}
