namespace DigitLock.Engine;

/// <summary>Which kernels dl_invoke runs; both must give the same bytes.</summary>
public enum KernelVariant
{
    /// <summary>Plain loops, the readable definition of each op.</summary>
    Reference = 0,

    /// <summary>Optimized kernels (DSP instructions on Cortex-M7); the engine's default.</summary>
    Optimized = 1,
}
