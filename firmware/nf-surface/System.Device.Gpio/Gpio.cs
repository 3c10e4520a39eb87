// Reference-only declarations of nanoFramework.System.Device.Gpio 1.1.62.
// Declared from github.com/nanoframework/System.Device.Gpio tag v1.1.62, files
// System.Device.Gpio/{GpioController,GpioPin,PinMode,PinValue,PinEventTypes,
// PinValueChangedEventArgs,PinChangeEventHandler,PinNumberingScheme}.cs, Properties/AssemblyInfo.cs.

using System;
using nanoFramework.Runtime.Events;

[assembly: System.Reflection.AssemblyNativeVersion("100.1.0.6")]

namespace System.Device.Gpio
{
    public enum PinNumberingScheme
    {
        Logical,
        Board,
    }

    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static implicit operator PinValue(int value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public class PinValueChangedEventArgs : BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        private GpioPin() { }
        public TimeSpan DebounceTimeout { get { throw null; } set { } }
        public int PinNumber { get { throw null; } }
        public PinMode GetPinMode() { throw null; }
        public bool IsPinModeSupported(PinMode pinMode) { throw null; }
        public void SetPinMode(PinMode value) { }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { }
        public event PinValueChangedEventHandler ValueChanged;
        public void Toggle() { }
        public void Dispose() { }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioController(PinNumberingScheme numberingScheme) { }
        public PinNumberingScheme NumberingScheme { get { throw null; } }
        public int PinCount { get { throw null; } }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void ClosePin(int pinNumber) { }
        public void Dispose() { }
        public PinMode GetPinMode(int pinNumber) { throw null; }
        public bool IsPinModeSupported(int pinNumber, PinMode mode) { throw null; }
        public bool IsPinOpen(int pinNumber) { throw null; }
        public PinValue Read(int pinNumber) { throw null; }
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) { }
        public void SetPinMode(int pinNumber, PinMode mode) { }
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) { }
        public void Write(int pinNumber, PinValue value) { }
    }
}
