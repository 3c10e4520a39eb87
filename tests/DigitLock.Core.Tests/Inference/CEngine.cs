using System.Reflection;
using System.Runtime.InteropServices;

namespace DigitLock.Core.Tests.Inference;

/// <summary>
/// The C engine (build/native/.../libdl_engine.so) through a few P/Invokes of its public API: the
/// reference the managed engine must match byte for byte, including dl_set_requantization,
/// which the host binding does not expose.
/// </summary>
internal sealed class CEngine : IDisposable
{
    private const string Library = "dl_engine_for_core_tests";
    private const int ErrorBytes = 164;

    private readonly IntPtr _model;
    private readonly IntPtr _arena;
    private readonly IntPtr _error;
    private readonly IntPtr _engine;

    static CEngine()
    {
        NativeLibrary.SetDllImportResolver(typeof(CEngine).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        var file = InferenceFixtures.EngineLibrary;
        if (!File.Exists(file))
        {
            throw new DllNotFoundException($"{file} is missing: run ./digitlock once or cmake --build build/native");
        }

        return NativeLibrary.Load(file);
    }

    public CEngine(byte[] model)
    {
        _model = Marshal.AllocHGlobal(model.Length);
        Marshal.Copy(model, 0, _model, model.Length);
        _error = Marshal.AllocHGlobal(ErrorBytes);
        Status = dl_arena_required(_model, (nuint)model.Length, out var need, _error);
        if (Status != 0)
        {
            return;
        }

        _arena = Marshal.AllocHGlobal((nint)need);
        Status = dl_prepare(_model, (nuint)model.Length, _arena, need, out _engine, _error);
    }

    /// <summary>dl_status of loading; 0 when the model is ready.</summary>
    public int Status { get; }

    public string Message => Marshal.PtrToStringUTF8(_error + 4) ?? "";

    public int InputBytes => dl_input_bytes(_engine, 0);

    public int OutputBytes => dl_output_bytes(_engine, 0);

    public long ActivationBytes => (long)dl_activation_bytes(_engine);

    public bool FloatRequantization
    {
        set => dl_set_requantization(_engine, value ? 0 : 1);
    }

    public byte[] Run(byte[] input)
    {
        Assert.Equal(InputBytes, input.Length);
        Marshal.Copy(input, 0, dl_input_data(_engine, 0), input.Length);
        Assert.Equal(0, dl_invoke(_engine, _error));
        var output = new byte[OutputBytes];
        Marshal.Copy(dl_output_data(_engine, 0), output, 0, output.Length);
        return output;
    }

    public void Dispose()
    {
        Marshal.FreeHGlobal(_model);
        Marshal.FreeHGlobal(_error);
        if (_arena != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_arena);
        }
    }

    [DllImport(Library)]
    private static extern int dl_arena_required(IntPtr model, nuint len, out nuint bytes, IntPtr err);

    [DllImport(Library)]
    private static extern int dl_prepare(IntPtr model, nuint len, IntPtr arena, nuint arenaLen, out IntPtr engine, IntPtr err);

    [DllImport(Library)]
    private static extern int dl_invoke(IntPtr engine, IntPtr err);

    [DllImport(Library)]
    private static extern IntPtr dl_input_data(IntPtr engine, int index);

    [DllImport(Library)]
    private static extern IntPtr dl_output_data(IntPtr engine, int index);

    [DllImport(Library)]
    private static extern int dl_input_bytes(IntPtr engine, int index);

    [DllImport(Library)]
    private static extern int dl_output_bytes(IntPtr engine, int index);

    [DllImport(Library)]
    private static extern nuint dl_activation_bytes(IntPtr engine);

    [DllImport(Library)]
    private static extern void dl_set_requantization(IntPtr engine, int mode);
}
