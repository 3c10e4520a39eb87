using System;

namespace DigitLock.Core.Hardware
{
    /// <summary>A storage operation failed: card missing, full, or a file unreadable.</summary>
    public class StorageException : Exception
    {
        public StorageException(string message)
            : base(message)
        {
        }

        public StorageException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
