namespace DigitLock.Board
{
    /// <summary>M5Stack Core2 (ESP32-D0WDQ6-V3) constants; see README.md next to this file.</summary>
    public static class BoardConfig
    {
        public const string Name = "M5Core2";

        // ILI9342C 320x240 on SPI1 (VSPI); reset via AXP192 GPIO4, backlight via AXP192 DCDC3.
        public const int ScreenWidth = 320;
        public const int ScreenHeight = 240;
        public const int SpiMosiPin = 23;
        public const int SpiMisoPin = 38;
        public const int SpiClockPin = 18;
        public const int LcdChipSelectPin = 5;
        public const int LcdDataCommandPin = 15;

        // Internal I2C bus (bus 1): FT6336U touch, AXP192 power, BM8563 RTC, MPU6886.
        public const int I2cDataPin = 21;
        public const int I2cClockPin = 22;
        public const int TouchAddress = 0x38;
        public const int PowerAddress = 0x34;

        // The touch controller is polled at this rate; stroke capture needs to know it.
        public const int TouchSampleRateHz = 60;

        // microSD on the LCD's SPI bus, mounted as drive D.
        public const int SdChipSelectPin = 4;
        public const string StorageRoot = "D:\\digitlock";

        // Port B (black, GPIO26 out / GPIO36 in) drives the relay.
        public const int LockPin = 26;
        public const bool LockActiveHigh = true;
    }
}
