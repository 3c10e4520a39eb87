using DigitLock.Engine;

namespace DigitLock.Export;

/// <summary>What the C engine reports for a model: the figures the board's budgets are about.</summary>
public sealed record EngineFigures(int FileBytes, long ArenaBytes, long ActivationBytes, long Macs, long ConstantBytes, int Ops)
{
    public static EngineFigures Of(byte[] tflite)
    {
        using var engine = new NativeInterpreter(tflite);
        var constants = engine.Tensors().Where(t => t.IsConstant).Sum(t => (long)t.Bytes);
        return new EngineFigures(engine.ModelBytes, engine.ArenaBytes, engine.ActivationBytes,
            engine.Ops.Sum(o => o.Macs), constants, engine.Ops.Count);
    }
}
