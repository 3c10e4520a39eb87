using System;

namespace DigitLock.Core.Strokes
{
    /// <summary>
    /// One written digit as the device captured it: its label (or -1 when unknown), the raw
    /// strokes, and the 28x28 image the device preprocessing made from them. Keeping the strokes
    /// lets a dataset be re-rendered when preprocessing improves.
    /// </summary>
    public sealed class Sample
    {
        public const int ImageSize = 28;
        public const int Unlabelled = -1;

        private readonly Stroke[] _strokes;
        private readonly byte[] _image;

        public Sample(int label, Stroke[] strokes, byte[] image)
        {
            if (label < Unlabelled || label > 9)
            {
                throw new ArgumentOutOfRangeException("label");
            }

            if (strokes == null)
            {
                throw new ArgumentNullException("strokes");
            }

            if (image == null || image.Length != ImageSize * ImageSize)
            {
                throw new ArgumentException("image must be 28x28 bytes");
            }

            Label = label;
            _strokes = strokes;
            _image = image;
        }

        /// <summary>The digit written, 0..9, or <see cref="Unlabelled"/>.</summary>
        public int Label { get; private set; }

        public int StrokeCount
        {
            get { return _strokes.Length; }
        }

        public Stroke GetStroke(int index)
        {
            return _strokes[index];
        }

        /// <summary>Row-major 28x28 grey levels, 0 = background, 255 = ink (MNIST polarity).</summary>
        public byte[] Image
        {
            get { return _image; }
        }
    }
}
