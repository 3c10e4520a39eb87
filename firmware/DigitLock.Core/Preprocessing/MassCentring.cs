namespace DigitLock.Core.Preprocessing
{
    /// <summary>
    /// Centre of mass of a 28x28 image. Both paths draw a digit once, measure where its mass
    /// lies and draw it again moved by the sub-pixel difference to the frame's centre: like
    /// MNIST's centring, but without MNIST's whole-pixel jumps, so a slightly different input
    /// never moves the whole image by a pixel.
    /// </summary>
    internal static class MassCentring
    {
        /// <summary>The frame's centre in pixel-index coordinates, Q8 (13.5 * 256).</summary>
        public const int CentreQ8 = (PreprocessParams.ImageSize * 256 - 256) / 2;

        /// <summary>
        /// How far (Q8 pixels) the image must move so its centre of mass is the frame's centre;
        /// false when it has no ink.
        /// </summary>
        public static bool OffsetToCentre(byte[] image, out int shiftXQ8, out int shiftYQ8)
        {
            const int size = PreprocessParams.ImageSize;
            long mass = 0;
            long sumX = 0;
            long sumY = 0;
            for (int y = 0; y < size; y++)
            {
                int row = y * size;
                for (int x = 0; x < size; x++)
                {
                    int v = image[row + x];
                    mass += v;
                    sumX += v * x;
                    sumY += v * y;
                }
            }

            if (mass == 0)
            {
                shiftXQ8 = 0;
                shiftYQ8 = 0;
                return false;
            }

            shiftXQ8 = CentreQ8 - (int)FixedPoint.DivRound(sumX * 256, mass);
            shiftYQ8 = CentreQ8 - (int)FixedPoint.DivRound(sumY * 256, mass);
            return true;
        }
    }
}
