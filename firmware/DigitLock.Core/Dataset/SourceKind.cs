namespace DigitLock.Core.Dataset
{
    /// <summary>Where a sample came from; stored as one byte in DAT files (values are fixed).</summary>
    public enum SourceKind
    {
        Unknown = 0,

        /// <summary>Written with a finger on a board's touch LCD.</summary>
        BoardTouch = 1,

        /// <summary>Written in the simulator (mouse or touch screen of a PC).</summary>
        Simulator = 2,

        /// <summary>Pen trajectories imported from a UNIPEN file, replayed through the capture.</summary>
        ImportedPen = 3,

        /// <summary>A picture imported through the bitmap path; it has no strokes.</summary>
        ImportedBitmap = 4
    }
}
