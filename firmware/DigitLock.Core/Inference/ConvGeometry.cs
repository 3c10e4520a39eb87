namespace DigitLock.Core.Inference
{
    /// <summary>Shapes, strides, dilation and padding of a (depthwise) convolution, NHWC.</summary>
    public sealed class ConvGeometry
    {
        public int Batches;
        public int InH, InW, InC;
        public int OutH, OutW, OutC;
        public int KH, KW;
        public int StrideH, StrideW;
        public int DilationH, DilationW;
        public int PadH, PadW;
        public int DepthMultiplier = 1;
    }
}
