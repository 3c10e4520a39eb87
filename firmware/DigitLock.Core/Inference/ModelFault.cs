namespace DigitLock.Core.Inference
{
    /// <summary>
    /// Why a model was refused. The values are the C engine's dl_status codes, so the board
    /// and the host report the same fault for the same file whichever engine read it.
    /// </summary>
    public enum ModelFault
    {
        Argument = 1,
        Truncated = 2,
        Corrupt = 3,
        Version = 4,
        UnsupportedOp = 5,
        UnsupportedType = 6,
        Shape = 7,
        Quantization = 8,
        Limit = 9
    }
}
