namespace DigitLock.Core.Ui
{
    /// <summary>What a writing box shows.</summary>
    public enum BoxMark
    {
        /// <summary>Blank paper, ready for a digit.</summary>
        Empty = 0,

        /// <summary>Ink is being written (the capture draws it).</summary>
        Writing = 1,

        /// <summary>The recognised digit, shown briefly.</summary>
        Shown = 2,

        /// <summary>A recognised PIN digit, hidden behind a dot.</summary>
        Masked = 3,

        /// <summary>Not recognised confidently (or nothing written): write it again.</summary>
        Rewrite = 4,

        /// <summary>Gathering mode: ink kept for submission, no recognition.</summary>
        Kept = 5
    }
}
