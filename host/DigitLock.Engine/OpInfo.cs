namespace DigitLock.Engine;

/// <summary>One operator of the model: what it reads and writes and what it costs.</summary>
/// <param name="WeightsTensor">Tensor index of its weights, -1 when it has none.</param>
/// <param name="BiasTensor">Tensor index of its bias, -1 when it has none.</param>
/// <param name="Macs">Multiply-accumulates per invocation (0 for ops without MACs).</param>
/// <param name="WeightBytes">Bytes of constant tensors the op reads.</param>
public sealed record OpInfo(
    int Index,
    int Builtin,
    string Name,
    int InputTensor,
    int OutputTensor,
    int WeightsTensor,
    int BiasTensor,
    long Macs,
    int WeightBytes);
