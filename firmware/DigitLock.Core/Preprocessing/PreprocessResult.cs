namespace DigitLock.Core.Preprocessing
{
    public enum PreprocessResult
    {
        /// <summary>The output image holds a digit ready to classify.</summary>
        Digit = 0,

        /// <summary>Nothing, a tap or a dot: the output image is blank and must not be classified.</summary>
        NothingWritten = 1
    }
}
