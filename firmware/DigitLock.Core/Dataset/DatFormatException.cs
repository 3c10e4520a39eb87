using System;

namespace DigitLock.Core.Dataset
{
    /// <summary>A DAT sample file is not valid; the message names the file and the fault.</summary>
    public class DatFormatException : Exception
    {
        public DatFormatException(string fileName, string fault)
            : base(fileName + ": " + fault)
        {
            FileName = fileName;
            Fault = fault;
        }

        public string FileName { get; private set; }

        public string Fault { get; private set; }
    }
}
