namespace DigitLock.Engine;

/// <summary>The engine's status codes, numbered exactly as <c>dl_status</c> in dl_engine.h.</summary>
public enum EngineStatus
{
    Ok = 0,
    Argument = 1,
    Truncated = 2,
    Corrupt = 3,
    Version = 4,
    UnsupportedOp = 5,
    UnsupportedType = 6,
    Shape = 7,
    Quantization = 8,
    Limit = 9,
    ArenaTooSmall = 10,
}
