// CLSCompliant markers of the real assembly are left out: they do not change what compiles.
using System.Reflection;

[assembly: AssemblyTitle("mscorlib")]
// Native version of nanoFramework.CoreLibrary 1.17.11 (System/AssemblyInfo.cs).
[assembly: AssemblyNativeVersion("100.5.0.24")]
