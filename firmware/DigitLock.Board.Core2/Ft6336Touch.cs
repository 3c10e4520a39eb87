using System;
using System.Device.I2c;
using System.Threading;
using DigitLock.Core.Hardware;

namespace DigitLock.Board
{
    /// <summary>
    /// The Core2's FT6336U read over I2C by a polling thread: nanoFramework's M5Core2 firmware
    /// has no native touch driver for it. Reports the first touch point only.
    /// </summary>
    public sealed class Ft6336Touch : ITouchInput
    {
        // TD_STATUS (0x02) then P1_XH, P1_XL, P1_YH, P1_YL.
        private const byte FirstPointRegister = 0x02;

        private readonly I2cDevice _device;
        private readonly byte[] _register = new byte[] { FirstPointRegister };
        private readonly byte[] _point = new byte[5];
        private readonly long _startTicks;
        private ITouchSink _sink;
        private bool _touching;
        private int _lastX;
        private int _lastY;

        public Ft6336Touch(I2cDevice device)
        {
            _device = device;
            _startTicks = DateTime.UtcNow.Ticks;
            new Thread(Poll).Start();
        }

        public int SampleRateHz
        {
            get { return BoardConfig.TouchSampleRateHz; }
        }

        public void Attach(ITouchSink sink)
        {
            _sink = sink;
        }

        private void Poll()
        {
            int periodMs = 1000 / BoardConfig.TouchSampleRateHz;
            while (true)
            {
                Sample();
                Thread.Sleep(periodMs);
            }
        }

        private void Sample()
        {
            I2cTransferResult result = _device.WriteRead(_register, _point);
            if (result.Status != I2cTransferStatus.FullTransfer)
            {
                return;
            }

            bool touching = (_point[0] & 0x0F) != 0;
            if (touching)
            {
                _lastX = ((_point[1] & 0x0F) << 8) | _point[2];
                // The panel's touch area runs below the LCD (the three circles); clamp into the screen.
                _lastY = Math.Min(((_point[3] & 0x0F) << 8) | _point[4], BoardConfig.ScreenHeight - 1);
                Emit(_touching ? TouchAction.Move : TouchAction.Down);
            }
            else if (_touching)
            {
                Emit(TouchAction.Up);
            }

            _touching = touching;
        }

        private void Emit(TouchAction action)
        {
            ITouchSink sink = _sink;
            if (sink != null)
            {
                int timeMs = (int)((DateTime.UtcNow.Ticks - _startTicks) / TimeSpan.TicksPerMillisecond);
                sink.OnTouch(action, _lastX, _lastY, timeMs);
            }
        }
    }
}
