using System;
using DigitLock.Core.Strokes;

namespace DigitLock.Core.Dataset
{
    /// <summary>A <see cref="Sample"/> with what a data set needs to know about it: what is in one DAT file.</summary>
    public sealed class RecordedSample
    {
        public RecordedSample(Sample sample, CaptureSource source, long capturedAtUnixMs, string preprocessing)
        {
            if (sample == null)
            {
                throw new ArgumentNullException("sample");
            }

            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            string problem = CaptureSource.ProblemWithId(preprocessing);
            if (problem != null)
            {
                throw new ArgumentException("preprocessing " + problem);
            }

            Sample = sample;
            Source = source;
            CapturedAtUnixMs = capturedAtUnixMs;
            Preprocessing = preprocessing;
        }

        public Sample Sample { get; private set; }

        public CaptureSource Source { get; private set; }

        /// <summary>Milliseconds since 1970-01-01 UTC; 0 when the device had no clock.</summary>
        public long CapturedAtUnixMs { get; private set; }

        /// <summary>The <c>PreprocessParams.Describe()</c> of the code that made the image.</summary>
        public string Preprocessing { get; private set; }
    }
}
