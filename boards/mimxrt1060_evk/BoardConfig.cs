namespace DigitLock.Board
{
    /// <summary>NXP MIMXRT1060-EVK(B) constants; see README.md next to this file.</summary>
    public static class BoardConfig
    {
        public const string Name = "MIMXRT1060_EVK";

        // RK043FN02H-CT (EVKB: RK043FN66HS-CTG) on eLCDIF, native RGB565.
        public const int ScreenWidth = 480;
        public const int ScreenHeight = 272;

        // FT5336 (EVKB: GT911) on LPI2C1; its report rate, which stroke capture needs.
        public const int TouchSampleRateHz = 60;

        // microSD on USDHC1, mounted by nanoFramework as drive D.
        public const string StorageRoot = "D:\\digitlock";

        // PIN record, settings and model slots. The NXP target has no internal-flash file system
        // (littlefs is off in its target_FileSystem.cpp, see docs/rt1060-port.md), so they live on
        // the card too, in their own folder: this board needs its card to run the lock.
        public const string ConfigRoot = "D:\\digitlock\\device";

        // nanoFramework i.MX RT pin number = (GPIO port - 1) * 32 + bit. GPIO1_IO09 is the
        // user LED D18 (GPIO_AD_B0_09): a visible stand-in until the relay pin is wired.
        public const int LockPin = 9;
        public const bool LockActiveHigh = true;
    }
}
