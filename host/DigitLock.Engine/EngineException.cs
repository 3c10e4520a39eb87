namespace DigitLock.Engine;

/// <summary>The engine refused a model or a call; <see cref="Exception.Message"/> is its one-line message.</summary>
public sealed class EngineException : Exception
{
    public EngineException(EngineStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public EngineStatus Status { get; }
}
