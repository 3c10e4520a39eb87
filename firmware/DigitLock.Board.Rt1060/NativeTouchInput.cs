using System;
using DigitLock.Core.Hardware;
using nanoFramework.UI;

namespace DigitLock.Board
{
    /// <summary>
    /// Touch from the nanoCLR's native touch driver (FT5336/GT911 on LPI2C1), delivered as
    /// nanoFramework.Graphics TouchScreen events on the event-dispatch thread.
    /// </summary>
    public sealed class NativeTouchInput : ITouchInput
    {
        private readonly TouchScreen _screen;
        private readonly long _startTicks;
        private ITouchSink _sink;

        public NativeTouchInput()
        {
            _startTicks = DateTime.UtcNow.Ticks;
            // null regions: the whole screen is one active region.
            _screen = new TouchScreen(null);
            _screen.OnTouchDown += OnDown;
            _screen.OnTouchMove += OnMove;
            _screen.OnTouchUp += OnUp;
            Touch.Initialize(_screen);
        }

        public int SampleRateHz
        {
            get { return BoardConfig.TouchSampleRateHz; }
        }

        public void Attach(ITouchSink sink)
        {
            _sink = sink;
        }

        private void OnDown(object sender, TouchScreenEventArgs e)
        {
            Forward(TouchAction.Down, e);
        }

        private void OnMove(object sender, TouchScreenEventArgs e)
        {
            Forward(TouchAction.Move, e);
        }

        private void OnUp(object sender, TouchScreenEventArgs e)
        {
            Forward(TouchAction.Up, e);
        }

        private void Forward(TouchAction action, TouchScreenEventArgs e)
        {
            ITouchSink sink = _sink;
            if (sink == null || e.Touches == null || e.Touches.Length == 0)
            {
                return;
            }

            int timeMs = (int)((e.TimeStamp.Ticks - _startTicks) / TimeSpan.TicksPerMillisecond);
            sink.OnTouch(action, e.Touches[0].X, e.Touches[0].Y, timeMs);
        }
    }
}
