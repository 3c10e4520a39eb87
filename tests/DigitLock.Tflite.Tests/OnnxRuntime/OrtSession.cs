using System.Runtime.InteropServices;
using System.Text;

namespace DigitLock.Tflite.Tests.OnnxRuntime;

/// <summary>A tensor crossing the binding: element type (OrtApi.ElementFloat / ElementInt8), shape and raw bytes.</summary>
public sealed record OrtTensor(int ElementType, long[] Shape, byte[] Data)
{
    public static OrtTensor Float(float[] values, params long[] shape) =>
        new(OrtApi.ElementFloat, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static OrtTensor Int8(byte[] values, params long[] shape) => new(OrtApi.ElementInt8, shape, values);

    public float[] Floats() => MemoryMarshal.Cast<byte, float>(Data).ToArray();
}

/// <summary>
/// One model in ONNX Runtime (CPU, one thread, every graph optimization, as the old Node runner had it):
/// a model with one input and one output, run one tensor at a time.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private readonly OrtApi api = OrtApi.Instance;
    private IntPtr env;
    private IntPtr session;
    private IntPtr memoryInfo;

    public OrtSession(byte[] model)
    {
        try
        {
            env = api.NewEnv();
            IntPtr options;
            api.Check(api.CreateSessionOptions(&options));
            try
            {
                api.Check(api.SetIntraOpNumThreads(options, 1));
                api.Check(api.SetInterOpNumThreads(options, 1));
                api.Check(api.SetSessionGraphOptimizationLevel(options, OrtApi.OptimizeAll));
                fixed (byte* bytes = model)
                fixed (IntPtr* created = &session)
                {
                    api.Check(api.CreateSessionFromArray(env, bytes, (nuint)model.Length, options, created));
                }
            }
            finally
            {
                api.ReleaseSessionOptions(options);
            }

            fixed (IntPtr* created = &memoryInfo)
            {
                api.Check(api.CreateCpuMemoryInfo(OrtApi.ArenaAllocator, OrtApi.MemTypeDefault, created));
            }

            InputNames = Names(api.SessionGetInputCount, api.SessionGetInputName);
            OutputNames = Names(api.SessionGetOutputCount, api.SessionGetOutputName);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The ONNX Runtime version actually loaded.</summary>
    public static string RuntimeVersion => OrtApi.Instance.Version;

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Feeds <paramref name="input"/> to the single input and returns the single output.</summary>
    public OrtTensor Run(OrtTensor input)
    {
        ObjectDisposedException.ThrowIf(session == IntPtr.Zero, this);
        if (InputNames.Count != 1 || OutputNames.Count != 1)
        {
            throw new InvalidOperationException($"model has {InputNames.Count} inputs and {OutputNames.Count} outputs; expected one of each");
        }

        var inputName = Encoding.UTF8.GetBytes(InputNames[0] + "\0");
        var outputName = Encoding.UTF8.GetBytes(OutputNames[0] + "\0");
        IntPtr value = IntPtr.Zero, result = IntPtr.Zero;
        try
        {
            fixed (byte* data = input.Data)
            fixed (long* shape = input.Shape)
            fixed (byte* inName = inputName)
            fixed (byte* outName = outputName)
            {
                api.Check(api.CreateTensorWithDataAsOrtValue(
                    memoryInfo, data, (nuint)input.Data.Length, shape, (nuint)input.Shape.Length, input.ElementType, &value));
                var inNames = (IntPtr)inName;
                var outNames = (IntPtr)outName;
                api.Check(api.Run(session, IntPtr.Zero, &inNames, &value, 1, &outNames, 1, &result));
            }

            return Read(result);
        }
        finally
        {
            api.ReleaseValue(result);
            api.ReleaseValue(value);
        }
    }

    public void Dispose()
    {
        // Release* accept null, so a half-built session disposes cleanly.
        api.ReleaseMemoryInfo(memoryInfo);
        api.ReleaseSession(session);
        api.ReleaseEnv(env);
        (memoryInfo, session, env) = (IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
    }

    private OrtTensor Read(IntPtr value)
    {
        IntPtr info;
        api.Check(api.GetTensorTypeAndShape(value, &info));
        try
        {
            int type;
            nuint rank;
            api.Check(api.GetTensorElementType(info, &type));
            api.Check(api.GetDimensionsCount(info, &rank));
            var shape = new long[(int)rank];
            fixed (long* dims = shape)
            {
                api.Check(api.GetDimensions(info, dims, rank));
            }

            var elementBytes = type switch
            {
                OrtApi.ElementFloat => 4,
                OrtApi.ElementInt8 => 1,
                _ => throw new NotSupportedException($"output element type {type}: the binding reads float32 and int8 only"),
            };
            void* data;
            api.Check(api.GetTensorMutableData(value, &data));
            var bytes = new ReadOnlySpan<byte>(data, checked((int)shape.Aggregate(1L, (a, b) => a * b) * elementBytes)).ToArray();
            return new OrtTensor(type, shape, bytes);
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    private string[] Names(
        delegate* unmanaged<IntPtr, nuint*, IntPtr> count, delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> name)
    {
        nuint n;
        api.Check(count(session, &n));
        IntPtr allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator));
        var names = new string[(int)n];
        for (nuint i = 0; i < n; i++)
        {
            byte* text;
            api.Check(name(session, i, allocator, &text));
            names[(int)i] = Marshal.PtrToStringUTF8((IntPtr)text) ?? "";
            api.Check(api.AllocatorFree(allocator, text));
        }

        return names;
    }
}
