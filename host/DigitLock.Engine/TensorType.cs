namespace DigitLock.Engine;

/// <summary>Tensor element types, numbered as TFLite's schema TensorType (only those the engine names).</summary>
public enum TensorType
{
    Float32 = 0,
    Int32 = 2,
    UInt8 = 3,
    Int8 = 9,
}
