using DigitLock.Core.Hardware;

namespace DigitLock.Board
{
    /// <summary>
    /// Keeps the board's hardware bindings alive until the firmware core's application object
    /// exists to own them (issue 7). Shared by both board apps so their Main stays identical.
    /// </summary>
    public static class Firmware
    {
        private static object[] _bindings;

        public static void Hold(IDisplay display, ITouchInput touch, IStorage storage, ILockOutput lockOutput, IClock clock)
        {
            _bindings = new object[] { display, touch, storage, lockOutput, clock };
        }
    }
}
