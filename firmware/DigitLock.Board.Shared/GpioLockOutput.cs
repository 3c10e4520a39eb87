using System.Device.Gpio;
using DigitLock.Core.Hardware;

namespace DigitLock.Board
{
    /// <summary>The lock actuator on one GPIO; starts locked.</summary>
    public sealed class GpioLockOutput : ILockOutput
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private bool _unlocked;

        public GpioLockOutput(GpioController controller, int pinNumber, bool activeHigh)
        {
            _activeHigh = activeHigh;
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            SetUnlocked(false);
        }

        public bool IsUnlocked
        {
            get { return _unlocked; }
        }

        public void SetUnlocked(bool unlocked)
        {
            _pin.Write(unlocked == _activeHigh ? PinValue.High : PinValue.Low);
            _unlocked = unlocked;
        }
    }
}
