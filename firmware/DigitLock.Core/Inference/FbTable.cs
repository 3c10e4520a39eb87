namespace DigitLock.Core.Inference
{
    /// <summary>A validated flatbuffer table: its start, its vtable and both lengths.</summary>
    public struct FbTable
    {
        public int Pos;
        public int VTable;
        public int VTableLength;
        public int Size;
    }
}
