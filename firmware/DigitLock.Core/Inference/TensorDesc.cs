namespace DigitLock.Core.Inference
{
    /// <summary>One tensor of the model as the loader validated it (shape, type, quantization, where its bytes are).</summary>
    public sealed class TensorDesc
    {
        public const int TypeFloat32 = 0;
        public const int TypeInt32 = 2;
        public const int TypeUInt8 = 3;
        public const int TypeInt8 = 9;

        public int Type;
        public int Dims;
        public int[] Shape = new int[4];
        public int Elements;
        public int Bytes;
        public float Scale;
        public int ZeroPoint;
        public int ScaleCount;
        public int QuantizedDimension;
        public int ScalesPos;
        public int ZeroPointsPos;
        public int ZeroPointCount;
        public bool IsConstant;
        /// <summary>Position of a constant's bytes in the model file, -1 for activations.</summary>
        public int DataPos = -1;
        /// <summary>Offset of an activation in the arena, -1 until planned.</summary>
        public int ArenaOffset = -1;
        public int PlanItem = -1;
    }
}
