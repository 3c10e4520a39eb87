using System.Runtime.InteropServices;

namespace DigitLock.Engine;

/// <summary>
/// One model prepared by the C engine. Owns native copies of the model bytes (the engine reads weights
/// in place, so they must not move) and of the arena the engine plans into; both are freed on Dispose.
/// Not thread-safe: one Invoke at a time.
/// </summary>
public sealed unsafe class NativeInterpreter : IDisposable
{
    private const nuint Alignment = 16;

    private byte* model;
    private byte* arena;
    private IntPtr engine;
    private KernelVariant variant = KernelVariant.Optimized;

    public NativeInterpreter(ReadOnlySpan<byte> modelBytes)
    {
        EngineLibrary.EnsureLoaded();
        ModelBytes = modelBytes.Length;
        // Aligned native copies: flatbuffer scalars and the engine's int32 buffers are read in place.
        model = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, modelBytes.Length), Alignment);
        try
        {
            modelBytes.CopyTo(new Span<byte>(model, modelBytes.Length));
            ArenaBytes = (long)RequiredArena(model, modelBytes.Length);
            arena = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, ArenaBytes), Alignment);
            DlNative.DlError err = default;
            IntPtr created;
            var status = DlNative.Prepare(model, (nuint)modelBytes.Length, arena, (nuint)ArenaBytes, &created, &err);
            if (status != 0)
            {
                throw DlNative.ToException(status, &err);
            }

            engine = created;
            Inputs = ReadEndpoints(DlNative.InputCount(engine), DlNative.InputTensor);
            Outputs = ReadEndpoints(DlNative.OutputCount(engine), DlNative.OutputTensor);
            Ops = Enumerable.Range(0, DlNative.OpCount(engine)).Select(ReadOp).ToArray();
            ActivationBytes = (long)DlNative.ActivationBytes(engine);
            MetadataNames = TfliteMetadataIndex.Names(modelBytes);
        }
        catch
        {
            FreeNative();
            throw;
        }
    }

    /// <summary>Reads the model file and prepares it.</summary>
    public static NativeInterpreter FromFile(string path) => new(File.ReadAllBytes(path));

    /// <summary>Arena bytes the engine needs for this model (dl_arena_required), without preparing it.</summary>
    public static long RequiredArena(ReadOnlySpan<byte> modelBytes)
    {
        EngineLibrary.EnsureLoaded();
        fixed (byte* p = modelBytes)
        {
            return (long)RequiredArena(p, modelBytes.Length);
        }
    }

    public int ModelBytes { get; }

    /// <summary>Arena size the engine asked for and got.</summary>
    public long ArenaBytes { get; }

    /// <summary>Part of the arena used for activations after lifetime-based reuse.</summary>
    public long ActivationBytes { get; }

    public IReadOnlyList<TensorInfo> Inputs { get; } = Array.Empty<TensorInfo>();

    public IReadOnlyList<TensorInfo> Outputs { get; } = Array.Empty<TensorInfo>();

    public IReadOnlyList<OpInfo> Ops { get; } = Array.Empty<OpInfo>();

    /// <summary>Names of the model's metadata entries (TFLite Model.metadata), in file order.</summary>
    public IReadOnlyList<string> MetadataNames { get; } = Array.Empty<string>();

    public int TensorCount => DlNative.TensorCount(Handle);

    /// <summary>Bytes of one record: every input tensor back to back, in input order.</summary>
    public int InputRecordBytes => Inputs.Sum(t => t.Bytes);

    /// <summary>Bytes of one result: every output tensor back to back, in output order.</summary>
    public int OutputRecordBytes => Outputs.Sum(t => t.Bytes);

    public KernelVariant KernelVariant
    {
        get => variant;
        set
        {
            DlNative.SetKernelVariant(Handle, (int)value);
            variant = value;
        }
    }

    public TensorInfo Tensor(int index)
    {
        DlNative.DlTensorInfo info = default;
        var status = DlNative.GetTensorInfo(Handle, index, &info);
        if (status != 0)
        {
            throw new EngineException((EngineStatus)status, $"tensor {index}: no such tensor (the model has {TensorCount})");
        }

        var shape = new int[Math.Clamp(info.Dims, 0, 4)];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = info.Shape[i];
        }

        return new TensorInfo(index, Utf8(info.Name), info.Type, shape, info.Bytes, info.Scale, info.ZeroPoint,
            info.ChannelScales, info.IsConstant != 0);
    }

    public IReadOnlyList<TensorInfo> Tensors() => Enumerable.Range(0, TensorCount).Select(Tensor).ToArray();

    /// <summary>Writable view of input <paramref name="index"/>'s bytes inside the arena.</summary>
    public Span<byte> Input(int index)
    {
        CheckIndex(index, Inputs.Count, "input");
        return new Span<byte>(DlNative.InputData(Handle, index), Inputs[index].Bytes);
    }

    /// <summary>View of output <paramref name="index"/>'s bytes; valid until the next Invoke or Dispose.</summary>
    public ReadOnlySpan<byte> Output(int index)
    {
        CheckIndex(index, Outputs.Count, "output");
        return new ReadOnlySpan<byte>(DlNative.OutputData(Handle, index), Outputs[index].Bytes);
    }

    public void Invoke()
    {
        DlNative.DlError err = default;
        var status = DlNative.Invoke(Handle, &err);
        if (status != 0)
        {
            throw DlNative.ToException(status, &err);
        }
    }

    /// <summary>Copies one record into the inputs, invokes, and copies every output into <paramref name="result"/>.</summary>
    public void Run(ReadOnlySpan<byte> record, Span<byte> result)
    {
        if (record.Length != InputRecordBytes || result.Length != OutputRecordBytes)
        {
            throw new ArgumentException(
                $"a record is {InputRecordBytes} input bytes giving {OutputRecordBytes} output bytes, " +
                $"got {record.Length} and {result.Length}");
        }

        var at = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            record.Slice(at, Inputs[i].Bytes).CopyTo(Input(i));
            at += Inputs[i].Bytes;
        }

        Invoke();
        at = 0;
        for (var i = 0; i < Outputs.Count; i++)
        {
            Output(i).CopyTo(result.Slice(at));
            at += Outputs[i].Bytes;
        }
    }

    /// <summary>Runs every record of <paramref name="records"/> (inputs back to back) and returns the outputs back to back.</summary>
    public byte[] RunAll(ReadOnlySpan<byte> records)
    {
        var inBytes = InputRecordBytes;
        if (inBytes == 0 || records.Length % inBytes != 0)
        {
            throw new ArgumentException(
                $"{records.Length} bytes is not a multiple of the model's {inBytes} input bytes per record");
        }

        var count = records.Length / inBytes;
        var outBytes = OutputRecordBytes;
        var results = new byte[count * outBytes];
        for (var r = 0; r < count; r++)
        {
            Run(records.Slice(r * inBytes, inBytes), results.AsSpan(r * outBytes, outBytes));
        }

        return results;
    }

    /// <summary>Bytes of metadata entry <paramref name="name"/>, or null when the model has none by that name.</summary>
    public byte[]? Metadata(string name)
    {
        nuint length;
        var data = DlNative.Metadata(Handle, name, &length);
        return data == null ? null : new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
    }

    public void Dispose()
    {
        FreeNative();
        GC.SuppressFinalize(this);
    }

    ~NativeInterpreter()
    {
        FreeNative();
    }

    private static nuint RequiredArena(byte* model, int length)
    {
        DlNative.DlError err = default;
        nuint bytes;
        var status = DlNative.ArenaRequired(model, (nuint)length, &bytes, &err);
        if (status != 0)
        {
            throw DlNative.ToException(status, &err);
        }

        return bytes;
    }

    private IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(engine == IntPtr.Zero, this);
            return engine;
        }
    }

    private TensorInfo[] ReadEndpoints(int count, Func<IntPtr, int, int> tensorOf) =>
        Enumerable.Range(0, count).Select(i => Tensor(tensorOf(engine, i))).ToArray();

    private OpInfo ReadOp(int index)
    {
        DlNative.DlOpInfo info = default;
        var status = DlNative.GetOpInfo(engine, index, &info);
        if (status != 0)
        {
            throw new EngineException((EngineStatus)status, $"op {index}: no such op");
        }

        return new OpInfo(index, info.Builtin, Utf8(info.Name), info.InputTensor, info.OutputTensor,
            info.WeightsTensor, info.BiasTensor, info.Macs, info.WeightBytes);
    }

    private static void CheckIndex(int index, int count, string what)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"{what} {index}: the model has {count}");
        }
    }

    private static string Utf8(byte* text) => text == null ? "" : Marshal.PtrToStringUTF8((IntPtr)text) ?? "";

    private void FreeNative()
    {
        engine = IntPtr.Zero;
        NativeMemory.AlignedFree(arena);
        arena = null;
        NativeMemory.AlignedFree(model);
        model = null;
    }
}
