// Reference-only declarations of nanoFramework.Runtime.Events 1.11.37.
// Declared from github.com/nanoframework/nanoFramework.Runtime.Events tag v1.11.37, files
// nanoFramework.Runtime.Events/{BaseEvent,EventCategory,IEventListener,IEventProcessor,
// GenericEvent,EventSink}.cs and Properties/AssemblyInfo.cs. EventSink's base class
// (NativeEventDispatcher) is not declared.

using System;

[assembly: System.Reflection.AssemblyNativeVersion("100.0.8.0")]

namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }

    public class GenericEvent : BaseEvent
    {
        public byte Category;
        public uint Data;
        public DateTime Time;
    }

    public enum EventCategory
    {
        Unknown = 0,
        Custom = 10,
        Gpio = 20,
        SerialDevice = 30,
        Network = 40,
        WiFi = 50,
        Can = 60,
        Storage = 70,
        Radio = 80,
        HighResolutionTimer = 90,
        Bluetooth = 100,
        Usb = 110,
        Touch = 120,
        Gesture = 130,
        OpenThread = 140,
        EspNow = 150,
    }

    public interface IEventListener
    {
        void InitializeForEventSource();
        bool OnEvent(BaseEvent ev);
    }

    public interface IEventProcessor
    {
        BaseEvent ProcessEvent(uint data1, uint data2, DateTime time);
    }

    public class EventSink
    {
        private EventSink() { }
        public static void AddEventListener(EventCategory eventCategory, IEventListener eventListener) { }
        public static void AddEventFilter(EventCategory eventCategory, IEventListener eventFilter) { }
        public static void AddEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor) { }
        public static void RemoveEventListener(EventCategory eventCategory, IEventListener eventListener) { }
        public static void RemoveEventFilter(EventCategory eventCategory, IEventListener eventFilter) { }
        public static void RemoveEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor) { }
        public static void PostManagedEvent(byte category, byte subCategory, ushort data1, uint data2) { }
    }
}
