using System.Device.I2c;
using System.Threading;

namespace DigitLock.Board
{
    /// <summary>
    /// The Core2's AXP192 power chip: the LCD has no power and no backlight until it is told so.
    /// Register layout from the AXP192 datasheet (0x12 output enables, 0x27 DCDC3 voltage,
    /// 0x28 LDO2/LDO3 voltages, 0x95/0x96 GPIO4 function/level).
    /// </summary>
    public sealed class Axp192Power
    {
        private const byte OutputControl = 0x12;
        private const byte Dcdc3Voltage = 0x27;
        private const byte Ldo23Voltage = 0x28;
        private const byte Gpio43Function = 0x95;
        private const byte Gpio43Level = 0x96;

        private const byte EnableDcdc3 = 0x02;
        private const byte EnableLdo2 = 0x04;
        private const byte Gpio4Bit = 0x02;

        private readonly I2cDevice _device;
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _value = new byte[1];
        private readonly byte[] _write = new byte[2];

        public Axp192Power(I2cDevice device)
        {
            _device = device;
        }

        /// <summary>LCD logic on (LDO2 3.3 V), backlight on (DCDC3 2.8 V), then an LCD reset pulse.</summary>
        public void PowerUpDisplay()
        {
            // LDO2 is the high nibble of 0x28: 1.8 V + 100 mV per step.
            Write(Ldo23Voltage, (byte)((Read(Ldo23Voltage) & 0x0F) | (((3300 - 1800) / 100) << 4)));
            // DCDC3: 0.7 V + 25 mV per step in bits 6..0.
            Write(Dcdc3Voltage, (byte)((Read(Dcdc3Voltage) & 0x80) | ((2800 - 700) / 25)));
            Write(OutputControl, (byte)(Read(OutputControl) | EnableLdo2 | EnableDcdc3));

            // GPIO4 (LCD and touch reset) as NMOS open-drain output, pulsed low.
            Write(Gpio43Function, (byte)((Read(Gpio43Function) & 0x72) | 0x84));
            Write(Gpio43Level, (byte)(Read(Gpio43Level) & ~Gpio4Bit));
            Thread.Sleep(100);
            Write(Gpio43Level, (byte)(Read(Gpio43Level) | Gpio4Bit));
            Thread.Sleep(100);
        }

        private byte Read(byte register)
        {
            _register[0] = register;
            _device.WriteRead(_register, _value);
            return _value[0];
        }

        private void Write(byte register, byte value)
        {
            _write[0] = register;
            _write[1] = value;
            _device.Write(_write);
        }
    }
}
