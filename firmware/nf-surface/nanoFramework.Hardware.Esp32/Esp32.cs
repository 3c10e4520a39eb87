// Reference-only declarations of nanoFramework.Hardware.Esp32 1.6.40 (API identical to 1.6.42).
// Declared from github.com/nanoframework/nanoFramework.Hardware.Esp32 tag v1.6.42, files
// nanoFramework.Hardware.Esp32/{Configuration,DeviceTypePins}.cs and Properties/AssemblyInfo.cs.
// Values: device type * 0x10000 + device index * 0x100 + signal (DeviceTypePins.cs).
// Not declared: the ADC, I2S and SDMMC functions, Sleep, HighResTimer, TouchPad, NativeMemory.

[assembly: System.Reflection.AssemblyNativeVersion("100.0.10.0")]

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceTypes
    {
        GPIO = 0x00000,
        SPI = 0x10000,
        I2C = 0x20000,
        SERIAL = 0x30000,
        PWM = 0x40000,
        ADC = 0x50000,
        I2S = 0x60000,
        SDMMC = 0x80000,
    }

    public enum DeviceFunction
    {
        SPI1_MOSI = 0x10100,
        SPI1_MISO = 0x10101,
        SPI1_CLOCK = 0x10102,
        SPI2_MOSI = 0x10200,
        SPI2_MISO = 0x10201,
        SPI2_CLOCK = 0x10202,
        I2C1_DATA = 0x20100,
        I2C1_CLOCK = 0x20101,
        I2C2_DATA = 0x20200,
        I2C2_CLOCK = 0x20201,
        COM1_TX = 0x30100,
        COM1_RX = 0x30101,
        COM1_RTS = 0x30102,
        COM1_CTS = 0x30103,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM2_RTS = 0x30202,
        COM2_CTS = 0x30203,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
        COM3_RTS = 0x30302,
        COM3_CTS = 0x30303,
        PWM1 = 0x40100,
        PWM2 = 0x40200,
        PWM3 = 0x40300,
        PWM4 = 0x40400,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }
}
