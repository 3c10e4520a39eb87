using System;

namespace DigitLock.Core.Inference
{
    /// <summary>RESHAPE: the bytes move unchanged from the input's arena slot to the output's.</summary>
    public sealed class ReshapeLayer : Layer
    {
        private readonly int _bytes;

        public ReshapeLayer(int builtin, int input, int output, int bytes)
            : base(builtin, input, output)
        {
            _bytes = bytes;
        }

        public override void Run(sbyte[] arena)
        {
            if (InOffset != OutOffset)
                Array.Copy(arena, InOffset, arena, OutOffset, _bytes);
        }
    }
}
