using System;
using System.Device.Gpio;
using System.Device.I2c;
using DigitLock.Core.Hardware;
using DigitLock.Core.Inference;
using nanoFramework.Hardware.Esp32;
using nanoFramework.System.IO.FileSystem;
using nanoFramework.UI;

namespace DigitLock.Board
{
    /// <summary>Entry point on the M5Stack Core2 (stock nanoFramework M5Core2 firmware).</summary>
    public static class Program
    {
        // PIN record, settings and model slots live on the internal flash drive so the lock works
        // without a card; the card holds gathering samples and model packages only.
        private const string ConfigRoot = "I:\\digitlock";

        public static void Main()
        {
            // Internal I2C bus first: the LCD is dark until the AXP192 powers it.
            Configuration.SetPinFunction(BoardConfig.I2cDataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(BoardConfig.I2cClockPin, DeviceFunction.I2C1_CLOCK);
            new Axp192Power(I2cDevice.Create(new I2cConnectionSettings(1, BoardConfig.PowerAddress))).PowerUpDisplay();

            // SPI1 is shared by the LCD and the SD card.
            Configuration.SetPinFunction(BoardConfig.SpiMosiPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(BoardConfig.SpiMisoPin, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(BoardConfig.SpiClockPin, DeviceFunction.SPI1_CLOCK);

            // Reset and backlight belong to the AXP192, hence -1. No GraphicDriver: the firmware's
            // native ILI9342 driver is used.
            DisplayControl.Initialize(
                new SpiConfiguration(1, BoardConfig.LcdChipSelectPin, BoardConfig.LcdDataCommandPin, -1, -1),
                new ScreenConfiguration(0, 0, BoardConfig.ScreenWidth, BoardConfig.ScreenHeight));

            MountCard();

            IDisplay display = new FramebufferDisplay(BoardConfig.ScreenWidth, BoardConfig.ScreenHeight);
            ITouchInput touch = new Ft6336Touch(I2cDevice.Create(new I2cConnectionSettings(1, BoardConfig.TouchAddress)));
            IStorage config = new FileStorage(ConfigRoot);
            IStorage card = new FileStorage(BoardConfig.StorageRoot);
            ILockOutput lockOutput = new GpioLockOutput(new GpioController(), BoardConfig.LockPin, BoardConfig.LockActiveHigh);
            IClock clock = new UptimeClock();

            // Stock firmware has no native inference engine: the managed int8 engine runs the model.
            Firmware.Run(BoardConfig.Name, display, touch, config, card, lockOutput, clock, new ManagedClassifierFactory());
        }

        // A missing card is not fatal: FileStorage then reports IsPresent = false.
        private static void MountCard()
        {
            SDCardSpiParameters spi = new SDCardSpiParameters();
            spi.spiBus = 1;
            spi.chipSelectPin = BoardConfig.SdChipSelectPin;
            try
            {
                new SDCard(spi).Mount();
            }
            catch (Exception)
            {
            }
        }
    }
}
