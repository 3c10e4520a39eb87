using System.Reflection;

[assembly: AssemblyTitle("DigitLock.Inference.Native")]
[assembly: AssemblyDescription("DigitLock int8 inference engine, native interop for a custom nanoCLR")]
[assembly: AssemblyProduct("DigitLock")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]

// The native side's CLR_RT_NativeAssemblyData carries the same version; the nanoCLR refuses
// to bind the assembly when they differ.
[assembly: AssemblyNativeVersion("1.0.0.0")]
