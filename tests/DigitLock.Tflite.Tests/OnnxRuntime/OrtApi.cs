using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace DigitLock.Tflite.Tests.OnnxRuntime;

/// <summary>
/// The part of ONNX Runtime's C API the tests use: <c>OrtGetApiBase()->GetApi(version)</c> returns a table of
/// function pointers whose order is fixed by onnxruntime_c_api.h and only ever appended to.
/// </summary>
/// <remarks>
/// Indices counted from <c>struct OrtApi</c> in microsoft/onnxruntime
/// include/onnxruntime/core/session/onnxruntime_c_api.h at commit 0017800f6539412b364502d8b59c11463a6411e6
/// (ORT_API_VERSION 13, the 1.13 release line; the newest version of that file the reference index held), and
/// checked member by member (0..101) against struct OrtApi in an ORT_API_VERSION 30 copy of the header: unchanged.
/// We ask for version 13, which every later library serves with the same table; the library onnxruntime-node@1.30.0
/// ships reports "1.30.0" (tested in OnnxTests).
/// </remarks>
internal sealed unsafe class OrtApi
{
    public const uint ApiVersion = 13;

    // Enum values from the same header.
    public const int ElementFloat = 1; // ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
    public const int ElementInt8 = 3; // ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8
    private const int LoggingError = 3; // ORT_LOGGING_LEVEL_ERROR: warnings would flood the test log
    public const int OptimizeAll = 99; // ORT_ENABLE_ALL
    public const int ArenaAllocator = 1; // OrtArenaAllocator
    public const int MemTypeDefault = 0; // OrtMemTypeDefault

    private static readonly Lazy<OrtApi> Loaded = new(() => Load(TestEnvironment.OnnxRuntimeLibrary));

    private readonly IntPtr* table;

    private OrtApi(IntPtr* table, string version)
    {
        this.table = table;
        Version = version;
    }

    /// <summary>The loaded library's own version string (OrtApiBase.GetVersionString).</summary>
    public string Version { get; }

    public static OrtApi Instance => Loaded.Value;

    public delegate* unmanaged<IntPtr, int> GetErrorCode => (delegate* unmanaged<IntPtr, int>)table[1];
    public delegate* unmanaged<IntPtr, byte*> GetErrorMessage => (delegate* unmanaged<IntPtr, byte*>)table[2];
    public delegate* unmanaged<int, byte*, IntPtr*, IntPtr> CreateEnv => (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)table[3];
    public delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray =>
        (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)table[8];
    public delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run =>
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)table[9];
    public delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions => (delegate* unmanaged<IntPtr*, IntPtr>)table[10];
    public delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel => (delegate* unmanaged<IntPtr, int, IntPtr>)table[23];
    public delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads => (delegate* unmanaged<IntPtr, int, IntPtr>)table[24];
    public delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads => (delegate* unmanaged<IntPtr, int, IntPtr>)table[25];
    public delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[30];
    public delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[31];
    public delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName => (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[36];
    public delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName => (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[37];
    public delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue =>
        (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)table[49];
    public delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData => (delegate* unmanaged<IntPtr, void**, IntPtr>)table[51];
    public delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType => (delegate* unmanaged<IntPtr, int*, IntPtr>)table[60];
    public delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[61];
    public delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions => (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)table[62];
    public delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape => (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)table[65];
    public delegate* unmanaged<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo => (delegate* unmanaged<int, int, IntPtr*, IntPtr>)table[69];
    public delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree => (delegate* unmanaged<IntPtr, void*, IntPtr>)table[76];
    public delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions => (delegate* unmanaged<IntPtr*, IntPtr>)table[78];
    public delegate* unmanaged<IntPtr, void> ReleaseEnv => (delegate* unmanaged<IntPtr, void>)table[92];
    public delegate* unmanaged<IntPtr, void> ReleaseStatus => (delegate* unmanaged<IntPtr, void>)table[93];
    public delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo => (delegate* unmanaged<IntPtr, void>)table[94];
    public delegate* unmanaged<IntPtr, void> ReleaseSession => (delegate* unmanaged<IntPtr, void>)table[95];
    public delegate* unmanaged<IntPtr, void> ReleaseValue => (delegate* unmanaged<IntPtr, void>)table[96];
    public delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo => (delegate* unmanaged<IntPtr, void>)table[99];
    public delegate* unmanaged<IntPtr, void> ReleaseSessionOptions => (delegate* unmanaged<IntPtr, void>)table[100];

    /// <summary>Turns a non-null OrtStatus* into an <see cref="OrtException"/> carrying ORT's message, releasing the status.</summary>
    public void Check(IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var code = GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((IntPtr)GetErrorMessage(status)) ?? "";
        ReleaseStatus(status);
        throw new OrtException(code, message);
    }

    public IntPtr NewEnv()
    {
        IntPtr env;
        fixed (byte* logId = "digitlock-tests\0"u8)
        {
            Check(CreateEnv(LoggingError, logId, &env));
        }

        return env;
    }

    private static OrtApi Load(string path)
    {
        var library = NativeLibrary.Load(path);
        var getApiBase = (delegate* unmanaged<IntPtr*>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = getApiBase();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)apiBase[1])()) ?? "?";
        var api = ((delegate* unmanaged<uint, IntPtr*>)apiBase[0])(ApiVersion);
        if (api == null)
        {
            throw new InvalidOperationException($"{path} (ONNX Runtime {version}) does not serve C API version {ApiVersion}");
        }

        return new OrtApi(api, version);
    }
}

/// <summary>An OrtStatus error: one line, "ONNX Runtime: " and ORT's own message.</summary>
public sealed class OrtException(int code, string message)
    : Exception("ONNX Runtime: " + Regex.Replace(message, @"\s+", " ").Trim())
{
    /// <summary>The OrtErrorCode (2 = ORT_INVALID_ARGUMENT, 7 = ORT_INVALID_PROTOBUF, ...).</summary>
    public int Code { get; } = code;
}
