// Reference-only declarations of nanoFramework.System.Device.I2c 1.1.29.
// Declared from github.com/nanoframework/System.Device.I2c tag v1.1.29, files
// System.Device.I2c/{I2cBusSpeed,I2cConnectionSettings,I2cDevice,I2cTransferResult,
// I2cTransferStatus}.cs, Properties/AssemblyInfo.cs. Buffers are SpanByte; byte[] converts.

using System;

[assembly: System.Reflection.AssemblyNativeVersion("100.0.0.2")]

namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus,
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }

    public struct I2cTransferResult
    {
        public uint BytesTransferred { get { throw null; } }
        public I2cTransferStatus Status { get { throw null; } }
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) { }
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { }
        public int BusId { get { throw null; } }
        public int DeviceAddress { get { throw null; } }
        public I2cBusSpeed BusSpeed { get { throw null; } }
    }

    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) { }
        public static I2cDevice Create(I2cConnectionSettings settings) { throw null; }
        public I2cConnectionSettings ConnectionSettings { get { throw null; } }
        public byte ReadByte() { throw null; }
        public I2cTransferResult Read(SpanByte buffer) { throw null; }
        public I2cTransferResult WriteByte(byte value) { throw null; }
        public I2cTransferResult Write(SpanByte buffer) { throw null; }
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) { throw null; }
        public void Dispose() { }
    }
}
