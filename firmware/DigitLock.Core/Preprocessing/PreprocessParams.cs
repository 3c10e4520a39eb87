namespace DigitLock.Core.Preprocessing
{
    /// <summary>
    /// Every constant that shapes the 28x28 image, in one place. <see cref="Describe"/> goes into
    /// each exported model and each DAT file, so a model trained on images made with other values
    /// is caught instead of silently scoring worse on the board.
    /// Lengths ending in Q8 are in 1/256 of an output pixel.
    /// </summary>
    public static class PreprocessParams
    {
        /// <summary>Bumped whenever the algorithm changes in a way the constants below do not show.</summary>
        public const int Version = 1;

        public const int ImageSize = 28;

        /// <summary>The digit is scaled to fit a square of this side, keeping its aspect ratio (MNIST: 20).</summary>
        public const int FitSize = 20;

        /// <summary>Pen radius: where the anti-aliased ink falls to half intensity.</summary>
        public const int PenRadiusQ8 = 320;

        /// <summary>Half the width of the anti-aliased edge: ink is full within PenRadius - this,
        /// and zero beyond PenRadius + this.</summary>
        public const int EdgeSoftnessQ8 = 160;

        /// <summary>Ink whose bounding box is smaller than this on both sides (screen pixels) is a
        /// tap or a dot: reported as nothing written.</summary>
        public const int MinExtentPx = 6;

        /// <summary>Bitmap input: a pixel above this grey level is ink (for the bounding box).</summary>
        public const int BitmapInkThreshold = 32;

        /// <summary>Bitmap input: ink smaller than this on both sides (input pixels) is nothing written.</summary>
        public const int MinBitmapExtentPx = 3;

        /// <summary>The span the pen's centre line is scaled to, so that the drawn ink (to half
        /// intensity) fills <see cref="FitSize"/>.</summary>
        public const int CentreLineFitQ8 = FitSize * 256 - 2 * PenRadiusQ8;

        /// <summary>Compact description stored with models and samples, e.g. "fit=20;pen=320;aa=160;min=6;v=1".</summary>
        public static string Describe()
        {
            return "fit=" + FitSize + ";pen=" + PenRadiusQ8 + ";aa=" + EdgeSoftnessQ8 + ";min=" + MinExtentPx
                + ";bthr=" + BitmapInkThreshold + ";v=" + Version;
        }
    }
}
