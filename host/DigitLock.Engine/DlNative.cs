using System.Runtime.InteropServices;

namespace DigitLock.Engine;

/// <summary>
/// The C API of dl_engine.h, one-to-one. Only <see cref="NativeInterpreter"/> calls it; every pointer
/// passed here points at memory that type keeps alive.
/// </summary>
internal static unsafe partial class DlNative
{
    internal const string Library = "dl_engine";

    [StructLayout(LayoutKind.Sequential)]
    internal struct DlError
    {
        public int Code;
        public fixed byte Message[160];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct DlTensorInfo
    {
        public int Type;
        public int Dims;
        public fixed int Shape[4];
        public int Bytes;
        public float Scale;
        public int ZeroPoint;
        public int ChannelScales;
        public int IsConstant;
        public byte* Name;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct DlOpInfo
    {
        public int Builtin;
        public byte* Name;
        public int InputTensor;
        public int OutputTensor;
        public int WeightsTensor;
        public int BiasTensor;
        public long Macs;
        public int WeightBytes;
    }

    [LibraryImport(Library, EntryPoint = "dl_arena_required")]
    internal static partial int ArenaRequired(byte* model, nuint modelLen, nuint* outBytes, DlError* err);

    [LibraryImport(Library, EntryPoint = "dl_prepare")]
    internal static partial int Prepare(byte* model, nuint modelLen, void* arena, nuint arenaLen, IntPtr* engine, DlError* err);

    [LibraryImport(Library, EntryPoint = "dl_invoke")]
    internal static partial int Invoke(IntPtr engine, DlError* err);

    [LibraryImport(Library, EntryPoint = "dl_input_count")]
    internal static partial int InputCount(IntPtr engine);

    [LibraryImport(Library, EntryPoint = "dl_output_count")]
    internal static partial int OutputCount(IntPtr engine);

    [LibraryImport(Library, EntryPoint = "dl_input_data")]
    internal static partial byte* InputData(IntPtr engine, int index);

    [LibraryImport(Library, EntryPoint = "dl_output_data")]
    internal static partial byte* OutputData(IntPtr engine, int index);

    [LibraryImport(Library, EntryPoint = "dl_input_bytes")]
    internal static partial int InputBytes(IntPtr engine, int index);

    [LibraryImport(Library, EntryPoint = "dl_output_bytes")]
    internal static partial int OutputBytes(IntPtr engine, int index);

    [LibraryImport(Library, EntryPoint = "dl_input_tensor")]
    internal static partial int InputTensor(IntPtr engine, int index);

    [LibraryImport(Library, EntryPoint = "dl_output_tensor")]
    internal static partial int OutputTensor(IntPtr engine, int index);

    [LibraryImport(Library, EntryPoint = "dl_tensor_count")]
    internal static partial int TensorCount(IntPtr engine);

    [LibraryImport(Library, EntryPoint = "dl_op_count")]
    internal static partial int OpCount(IntPtr engine);

    [LibraryImport(Library, EntryPoint = "dl_get_tensor_info")]
    internal static partial int GetTensorInfo(IntPtr engine, int tensor, DlTensorInfo* info);

    [LibraryImport(Library, EntryPoint = "dl_get_op_info")]
    internal static partial int GetOpInfo(IntPtr engine, int op, DlOpInfo* info);

    [LibraryImport(Library, EntryPoint = "dl_activation_bytes")]
    internal static partial nuint ActivationBytes(IntPtr engine);

    [LibraryImport(Library, EntryPoint = "dl_metadata", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* Metadata(IntPtr engine, string name, nuint* outLen);

    [LibraryImport(Library, EntryPoint = "dl_set_kernel_variant")]
    internal static partial void SetKernelVariant(IntPtr engine, int variant);

    [LibraryImport(Library, EntryPoint = "dl_status_name")]
    internal static partial byte* StatusName(int code);

    /// <summary>The engine's failure as an exception; the message falls back to the status name.</summary>
    internal static EngineException ToException(int code, DlError* err)
    {
        var message = Marshal.PtrToStringUTF8((IntPtr)err->Message) ?? "";
        if (message.Length == 0)
        {
            message = Marshal.PtrToStringUTF8((IntPtr)StatusName(code)) ?? $"status {code}";
        }

        return new EngineException((EngineStatus)code, message);
    }
}
