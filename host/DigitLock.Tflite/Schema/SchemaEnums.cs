namespace DigitLock.Tflite.Schema;

/// <summary>Tensor element types this writer emits, numbered as TFLite's schema TensorType.</summary>
public enum TensorType : byte
{
    Float32 = 0,
    Int32 = 2,
    UInt8 = 3,
    Int8 = 9,
}

/// <summary>The TFLite builtin operators DigitLock uses, numbered as the schema's BuiltinOperator.</summary>
public enum BuiltinOperator
{
    AveragePool2D = 1,
    Conv2D = 3,
    DepthwiseConv2D = 4,
    FullyConnected = 9,
    MaxPool2D = 17,
    Reshape = 22,
    Softmax = 25,
}

/// <summary>Members of the schema's BuiltinOptions union that this writer emits (the union's type tags).</summary>
internal enum BuiltinOptionsType : byte
{
    None = 0,
    Conv2DOptions = 1,
    DepthwiseConv2DOptions = 2,
    Pool2DOptions = 5,
    FullyConnectedOptions = 8,
    SoftmaxOptions = 9,
    ReshapeOptions = 17,
}
