namespace DigitLock.Core.Inference
{
    /// <summary>A validated flatbuffer vector: position of element 0 and element count (0 when absent).</summary>
    public struct FbVector
    {
        public int Data;
        public int Count;
        public bool Present;
    }
}
