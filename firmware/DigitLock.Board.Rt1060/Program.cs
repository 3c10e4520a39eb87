using System.Device.Gpio;
using DigitLock.Core.Hardware;
using nanoFramework.UI;

namespace DigitLock.Board
{
    /// <summary>Entry point on the i.MX RT1060 EVK (custom nanoCLR with Graphics, touch and SD).</summary>
    public static class Program
    {
        public static void Main()
        {
            // The eLCDIF panel is set up by the native display driver; the managed call only binds
            // DisplayControl to it (same pattern as nanoFramework's STM32F769I-DISCO samples).
            DisplayControl.Initialize(
                new SpiConfiguration(),
                new ScreenConfiguration(0, 0, BoardConfig.ScreenWidth, BoardConfig.ScreenHeight));

            IDisplay display = new FramebufferDisplay(BoardConfig.ScreenWidth, BoardConfig.ScreenHeight);
            ITouchInput touch = new NativeTouchInput();
            IStorage config = new FileStorage(BoardConfig.ConfigRoot);
            IStorage card = new FileStorage(BoardConfig.StorageRoot);
            ILockOutput lockOutput = new GpioLockOutput(new GpioController(), BoardConfig.LockPin, BoardConfig.LockActiveHigh);
            IClock clock = new UptimeClock();

            // The custom nanoCLR carries the C engine as native interop.
            Firmware.Run(BoardConfig.Name, display, touch, config, card, lockOutput, clock, new NativeClassifierFactory());
        }
    }
}
