using DigitLock.Core.Hardware;

namespace DigitLock.Sim;

/// <summary>
/// The touch controller: the page reports where the pointer is; this samples it at the
/// controller's rate, as the panel's chip does, and hands the firmware Down/Move/Up reports.
/// A press and release between two samples still gives a Down and an Up (a tap is never lost).
/// </summary>
public sealed class TouchController(int rateHz, int width, int height)
{
    private readonly object _sync = new();
    private bool _pendingDown;
    private bool _pendingUp;
    private bool _reportedDown;
    private int _x;
    private int _y;

    public int RateHz { get; } = rateHz;

    public void PointerDown(int x, int y)
    {
        lock (_sync)
        {
            _pendingDown = true;
            _pendingUp = false;
            Set(x, y);
        }
    }

    public void PointerMove(int x, int y)
    {
        lock (_sync)
        {
            Set(x, y);
        }
    }

    public void PointerUp(int x, int y)
    {
        lock (_sync)
        {
            Set(x, y);
            _pendingUp = true;
        }
    }

    /// <summary>One sampling period: the report the chip would make now, or null.</summary>
    public (TouchAction Action, int X, int Y)? Sample()
    {
        lock (_sync)
        {
            if (_pendingDown && !_reportedDown)
            {
                _pendingDown = false;
                _reportedDown = true;
                return (TouchAction.Down, _x, _y);
            }

            if (!_reportedDown)
            {
                _pendingDown = false;
                _pendingUp = false;
                return null;
            }

            if (_pendingUp && !_pendingDown)
            {
                _pendingUp = false;
                _reportedDown = false;
                return (TouchAction.Up, _x, _y);
            }

            if (_pendingDown)
            {
                // Released and pressed again within one period: report the release first.
                _reportedDown = false;
                _pendingUp = false;
                return (TouchAction.Up, _x, _y);
            }

            return (TouchAction.Move, _x, _y);
        }
    }

    private void Set(int x, int y)
    {
        _x = Math.Clamp(x, 0, width - 1);
        _y = Math.Clamp(y, 0, height - 1);
    }
}
