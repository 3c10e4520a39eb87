using System;

namespace DigitLock.Core.Inference
{
    /// <summary>A .tflite file the managed engine cannot run; the message names the part at fault.</summary>
    public class ModelFormatException : Exception
    {
        public ModelFormatException(ModelFault fault, string message)
            : base(message)
        {
            Fault = fault;
        }

        public ModelFault Fault { get; private set; }
    }
}
