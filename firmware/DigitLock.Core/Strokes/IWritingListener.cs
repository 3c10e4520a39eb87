namespace DigitLock.Core.Strokes
{
    /// <summary>What <see cref="StrokeCapture"/> tells the UI and the recogniser.</summary>
    public interface IWritingListener
    {
        /// <summary>
        /// New ink to show: a segment, or a dot when both ends are equal. Called on the touch
        /// driver's thread; draw quickly.
        /// </summary>
        void OnInk(int box, int x0, int y0, int x1, int y1);

        /// <summary>
        /// The digit in <paramref name="box"/> is finished. <paramref name="ink"/> belongs to the
        /// capture and stays valid only until this call returns: preprocess or copy it here.
        /// </summary>
        void OnDigitDone(int box, InkBuffer ink);
    }
}
