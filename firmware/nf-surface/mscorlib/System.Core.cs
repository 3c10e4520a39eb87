// Reference-only declarations of nanoFramework.CoreLibrary 1.17.11 (assembly mscorlib).
// Declared from github.com/nanoframework/CoreLibrary tag v1.17.11, files
// nanoFramework.CoreLibrary/System/{Object,ValueType,Enum,Attribute,AttributeTargets,
// AttributeUsageAttribute,Delegate,MulticastDelegate,EventArgs,EventHandler,IDisposable,
// ICloneable,IComparable,MarshalByRefObject,Void,IntPtr,UIntPtr,Runtime*Handle,TypedReference,
// ParamArrayAttribute,FlagsAttribute,SerializableAttribute,NonSerializedAttribute,
// ObsoleteAttribute,CLSCompliantAttribute,ThreadAttributes,Action,AsyncCallback,IAsyncResult,
// GC,WeakReference,Version,DBNull,TypeCode,Random}.cs.
// Deliberately left out although 1.17.11 declares them: the generic delegates Action<T>,
// Func<...> and EventHandler<TEventArgs>. The 1.x runtime has no generics support, so code
// using them would compile here but not run on the device.

namespace System
{
    [Serializable]
    public class Object
    {
        public Object() { }
        public virtual string ToString() { throw null; }
        public virtual bool Equals(object obj) { throw null; }
        public static bool Equals(object objA, object objB) { throw null; }
        public static bool ReferenceEquals(object objA, object objB) { throw null; }
        public virtual int GetHashCode() { throw null; }
        public Type GetType() { throw null; }
        protected object MemberwiseClone() { throw null; }
    }

    [Serializable]
    public abstract class ValueType
    {
        public override bool Equals(object obj) { throw null; }
    }

    [Serializable]
    public abstract class Enum : ValueType
    {
        public bool HasFlag(Enum flag) { throw null; }
        public override string ToString() { throw null; }
    }

    [Serializable]
    public struct Void { }

    [Serializable]
    public struct IntPtr { }

    [Serializable]
    public struct UIntPtr { }

    public struct RuntimeArgumentHandle { }

    [Serializable]
    public struct RuntimeFieldHandle { }

    [Serializable]
    public struct RuntimeMethodHandle { }

    [Serializable]
    public struct RuntimeTypeHandle { }

    public struct TypedReference { }

    [Serializable, AttributeUsage(AttributeTargets.All)]
    public abstract class Attribute
    {
        protected Attribute() { }
    }

    [Flags]
    [Serializable]
    public enum AttributeTargets
    {
        Assembly = 0x0001,
        Module = 0x0002,
        Class = 0x0004,
        Struct = 0x0008,
        Enum = 0x0010,
        Constructor = 0x0020,
        Method = 0x0040,
        Property = 0x0080,
        Field = 0x0100,
        Event = 0x0200,
        Interface = 0x0400,
        Parameter = 0x0800,
        Delegate = 0x1000,
        ReturnValue = 0x2000,
        All = Assembly | Module | Class | Struct | Enum | Constructor | Method | Property | Field | Event | Interface | Parameter | Delegate | ReturnValue,
    }

    [AttributeUsage(AttributeTargets.Class)]
    [Serializable]
    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { }
        public AttributeTargets ValidOn { get { throw null; } }
        public bool AllowMultiple { get { throw null; } set { } }
        public bool Inherited { get { throw null; } set { } }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class ParamArrayAttribute : Attribute
    {
        public ParamArrayAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Enum)]
    [Serializable]
    public class FlagsAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Delegate, Inherited = false)]
    public sealed class SerializableAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Field)]
    public sealed class NonSerializedAttribute : Attribute
    {
        public NonSerializedAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Constructor | AttributeTargets.Delegate | AttributeTargets.Enum | AttributeTargets.Event | AttributeTargets.Field | AttributeTargets.Interface | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Struct, Inherited = false)]
    [Serializable]
    public sealed class ObsoleteAttribute : Attribute
    {
        public ObsoleteAttribute() { }
        public ObsoleteAttribute(string message) { }
        public ObsoleteAttribute(string message, bool error) { }
        public string Message { get { throw null; } }
        public bool IsError { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.All)]
    [Serializable]
    public sealed class CLSCompliantAttribute : Attribute
    {
        public CLSCompliantAttribute(bool isCompliant) { }
        public bool IsCompliant { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class STAThreadAttribute : Attribute
    {
        public STAThreadAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class MTAThreadAttribute : Attribute
    {
        public MTAThreadAttribute() { }
    }

    [Serializable]
    public abstract class Delegate
    {
        public override bool Equals(object obj) { throw null; }
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }
        public virtual Delegate[] GetInvocationList() { throw null; }
        public object Target { get { throw null; } }
        public static Delegate Remove(Delegate source, Delegate value) { throw null; }
        public static bool operator ==(Delegate d1, Delegate d2) { throw null; }
        public static bool operator !=(Delegate d1, Delegate d2) { throw null; }
    }

    [Serializable]
    public abstract class MulticastDelegate : Delegate
    {
        public static bool operator ==(MulticastDelegate d1, MulticastDelegate d2) { throw null; }
        public static bool operator !=(MulticastDelegate d1, MulticastDelegate d2) { throw null; }
        public override bool Equals(object obj) { throw null; }
    }

    public delegate void Action();

    [Serializable]
    public delegate void AsyncCallback(IAsyncResult ar);

    public interface IAsyncResult
    {
    }

    public class EventArgs
    {
        public static readonly EventArgs Empty;
        public EventArgs() { }
    }

    public delegate void EventHandler(object sender, EventArgs e);

    public interface IDisposable
    {
        void Dispose();
    }

    public interface ICloneable
    {
        object Clone();
    }

    public interface IComparable
    {
        int CompareTo(object obj);
    }

    [Serializable]
    public abstract class MarshalByRefObject
    {
    }

    public static class GC
    {
        public static void WaitForPendingFinalizers() { }
        public static void SuppressFinalize(object obj) { }
        public static void ReRegisterForFinalize(object obj) { }
    }

    [Serializable]
    public class WeakReference
    {
        public WeakReference(object target) { }
        public virtual bool IsAlive { get { throw null; } }
        public virtual object Target { get { throw null; } set { } }
    }

    [Serializable]
    public sealed class Version
    {
        public Version(int major, int minor, int build, int revision) { }
        public Version(int major, int minor) { }
        public int Major { get { throw null; } }
        public int Minor { get { throw null; } }
        public int Revision { get { throw null; } }
        public int Build { get { throw null; } }
        public override bool Equals(object obj) { throw null; }
        public override string ToString() { throw null; }
        public override int GetHashCode() { throw null; }
    }

    public sealed class DBNull
    {
        public static readonly DBNull Value;
        private DBNull() { }
    }

    [Serializable]
    public enum TypeCode
    {
        Empty = 0,
        Object = 1,
        DBNull = 2,
        Boolean = 3,
        Char = 4,
        SByte = 5,
        Byte = 6,
        Int16 = 7,
        UInt16 = 8,
        Int32 = 9,
        UInt32 = 10,
        Int64 = 11,
        UInt64 = 12,
        Single = 13,
        Double = 14,
        Decimal = 15,
        DateTime = 16,
        String = 18,
    }

    public class Random
    {
        public Random() { }
        public Random(int seed) { }
        public virtual int Next() { throw null; }
        public virtual int Next(int maxValue) { throw null; }
        public virtual double NextDouble() { throw null; }
        public virtual void NextBytes(byte[] buffer) { }
    }

    public static class Console
    {
        public static void Write(string value) { }
        public static void WriteLine() { }
        public static void WriteLine(string value) { }
    }
}
