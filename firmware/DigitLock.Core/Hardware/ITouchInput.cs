namespace DigitLock.Core.Hardware
{
    /// <summary>What the touch controller reported.</summary>
    public enum TouchAction
    {
        Down = 0,
        Move = 1,
        Up = 2
    }

    /// <summary>Receives touch events; the firmware core implements it, the touch driver calls it.</summary>
    public interface ITouchSink
    {
        void OnTouch(TouchAction action, int x, int y, int timeMs);
    }

    /// <summary>
    /// The touch controller. Events arrive on the driver's thread at its sampling rate
    /// (<see cref="SampleRateHz"/>), which the stroke capture needs to fill gaps.
    /// </summary>
    public interface ITouchInput
    {
        int SampleRateHz { get; }

        void Attach(ITouchSink sink);
    }
}
