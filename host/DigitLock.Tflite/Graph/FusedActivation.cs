namespace DigitLock.Tflite.Graph;

/// <summary>Activations TFLite fuses into the op before it (numbered as the schema's ActivationFunctionType).</summary>
public enum FusedActivation
{
    None = 0,
    Relu = 1,
    Relu6 = 3,
}

public static class FusedActivationMath
{
    public static float Apply(FusedActivation activation, float x) => activation switch
    {
        FusedActivation.Relu => Math.Max(x, 0f),
        FusedActivation.Relu6 => Math.Clamp(x, 0f, 6f),
        _ => x,
    };

    public static string Name(FusedActivation activation) => activation switch
    {
        FusedActivation.Relu => "RELU",
        FusedActivation.Relu6 => "RELU6",
        _ => "NONE",
    };
}
