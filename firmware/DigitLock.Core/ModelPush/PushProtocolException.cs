using System;

namespace DigitLock.Core.ModelPush
{
    /// <summary>A push frame or message the device refuses; the message goes back to the host as an ERROR frame.</summary>
    public class PushProtocolException : Exception
    {
        public PushProtocolException(int code, string message)
            : base(message)
        {
            Code = code;
        }

        /// <summary>One of <see cref="PushError"/>.</summary>
        public int Code { get; private set; }
    }
}
