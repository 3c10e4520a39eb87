using DigitLock.Training.Core;

namespace DigitLock.Training.Layers;

/// <summary>NHWC flattening is a no-op on the data; it exists so the export has its RESHAPE.</summary>
public sealed class Flatten(Shape3 input) : Layer(input, new Shape3(1, 1, input.Size))
{
    public override string TfliteOp => "RESHAPE";

    public override string Spec => "flatten";

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace) =>
        x[..(n * Input.Size)].CopyTo(y);

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        if (!dx.IsEmpty)
        {
            dy[..(n * Input.Size)].CopyTo(dx);
        }
    }
}
