// Computes, from a compiled nanoFramework interop assembly, the native method table and the
// checksum that nanoFramework's MetadataProcessor (nanoFramework.Tools.MetadataProcessor,
// NativeMethodsCrc + nanoSkeletonGenerator) writes into the generated <Assembly>.cpp:
//  - types in table order; for each class/value type its methods ordered virtual, then other
//    instance, then static (declaration order within each group); a method is native when it
//    has no body (RVA 0) and is not abstract; every other method is a null entry;
//  - native entry name Library_<Project>_<Namespace_Class>::<Method>___[STATIC__]<RET>__<ARGS>
//    with nanoCLR type names (I4, U1, SZARRAY_U1, BYREF_I4, VOID, ...);
//  - checksum: CRC-32/MPEG-2 (polynomial 0x04C11DB7, MSB first, no reflection, no final xor)
//    starting from 0, over, per method, the assembly name, class name and method name (native
//    methods only) followed by the bytes "nullptr" (every method).
// The checksum rule changed between MetadataProcessor versions; this is the current one, checked
// with --self-test against the published NF.AwesomeLib interop sample (0x94FA78F3).
// Only assemblies whose table order does not depend on MetadataProcessor's type sorting are
// accepted: exactly one type with methods.
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            if (args.Length == 1 && args[0] == "--self-test")
            {
                return SelfTest();
            }

            if (args.Length != 1)
            {
                Console.Error.WriteLine("usage: NativeContract <interop assembly .dll> | --self-test");
                return 2;
            }

            Console.Write(Describe(args[0]));
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadImageFormatException)
        {
            Console.Error.WriteLine($"NativeContract: {e.Message}");
            return 1;
        }
    }

    /// <summary>The AwesomeLib sample: Math (2 managed, 1 native) then Utilities (2 managed, 1 native).</summary>
    private static int SelfTest()
    {
        var crc = new ContractCrc("NF.AwesomeLib");
        crc.Null();
        crc.Null();
        crc.Native("NF_AwesomeLib_Math", "NativeSuperComplicatedCalculation___STATIC__R8__R8");
        crc.Null();
        crc.Null();
        crc.Native("NF_AwesomeLib_Utilities", "NativeGetHardwareSerial___STATIC__VOID__SZARRAY_U1");
        var check = Crc32Mpeg2.Update(Encoding.ASCII.GetBytes("123456789"), 0xFFFFFFFF);
        Console.WriteLine($"crc32/mpeg-2 check 0x{check:X8} (expected 0x0376E6E7)");
        Console.WriteLine($"NF.AwesomeLib checksum 0x{crc.Value:X8} (published 0x94FA78F3)");
        return check == 0x0376E6E7 && crc.Value == 0x94FA78F3 ? 0 : 1;
    }

    private static string Describe(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var assemblyName = md.GetString(md.GetAssemblyDefinition().Name);
        var project = assemblyName.Replace('.', '_');
        var version = NativeVersion(md) ?? throw new InvalidDataException(
            $"{path}: no [assembly: AssemblyNativeVersion(...)]; the nanoCLR needs it to bind the native code");

        var typesWithMethods = md.TypeDefinitions.Select(md.GetTypeDefinition)
            .Where(t => t.GetMethods().Count > 0).ToList();
        if (typesWithMethods.Count != 1)
        {
            throw new InvalidDataException(
                $"{path}: {typesWithMethods.Count} types have methods; the table order then depends on " +
                "MetadataProcessor's type sorting: regenerate the stubs with MetadataProcessor instead");
        }

        var type = typesWithMethods[0];
        var className = (md.GetString(type.Namespace) + "_" + md.GetString(type.Name)).Replace('.', '_').TrimStart('_');
        var crc = new ContractCrc(assemblyName);
        var sb = new StringBuilder();
        sb.AppendLine($"assembly {assemblyName}");
        sb.AppendLine($"version {version.Major}, {version.Minor}, {version.Build}, {version.Revision}");
        foreach (var handle in Ordered(md, type))
        {
            var method = md.GetMethodDefinition(handle);
            var native = method.RelativeVirtualAddress == 0 && (method.Attributes & MethodAttributes.Abstract) == 0;
            if (!native)
            {
                crc.Null();
                sb.AppendLine("entry nullptr");
                continue;
            }

            var name = MethodName(md, method);
            crc.Native(className, name);
            sb.AppendLine($"entry Library_{project}_{className}::{name}");
        }

        sb.Insert(0, $"checksum 0x{crc.Value:X8}{Environment.NewLine}");
        return sb.ToString();
    }

    private static IEnumerable<MethodDefinitionHandle> Ordered(MetadataReader md, TypeDefinition type)
    {
        var all = type.GetMethods().ToList();
        bool IsVirtual(MethodDefinitionHandle h) => (md.GetMethodDefinition(h).Attributes & MethodAttributes.Virtual) != 0;
        bool IsStatic(MethodDefinitionHandle h) => (md.GetMethodDefinition(h).Attributes & MethodAttributes.Static) != 0;
        return all.Where(IsVirtual).Concat(all.Where(h => !IsVirtual(h) && !IsStatic(h))).Concat(all.Where(IsStatic));
    }

    private static string MethodName(MetadataReader md, MethodDefinition method)
    {
        var signature = method.DecodeSignature(new NanoTypeNames(), null);
        var isStatic = (method.Attributes & MethodAttributes.Static) != 0;
        var parts = new[] { signature.ReturnType }.Concat(signature.ParameterTypes);
        return (md.GetString(method.Name) + (isStatic ? "___STATIC__" : "___") + string.Join("__", parts))
            .Replace(".", "_").Replace("/", "");
    }

    private static Version? NativeVersion(MetadataReader md)
    {
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind != HandleKind.TypeReference ||
                md.GetString(md.GetTypeReference((TypeReferenceHandle)ctor.Parent).Name) != "AssemblyNativeVersionAttribute")
            {
                continue;
            }

            var blob = md.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog 0x0001
            return Version.Parse(blob.ReadSerializedString() ?? "");
        }

        return null;
    }
}

/// <summary>The running checksum of the method table.</summary>
internal sealed class ContractCrc(string assemblyName)
{
    private static readonly byte[] NullMarker = Encoding.ASCII.GetBytes("nullptr");
    private readonly byte[] _assembly = Encoding.ASCII.GetBytes(assemblyName);

    public uint Value { get; private set; }

    public void Null() => Value = Crc32Mpeg2.Update(NullMarker, Value);

    public void Native(string className, string methodName)
    {
        Value = Crc32Mpeg2.Update(_assembly, Value);
        Value = Crc32Mpeg2.Update(Encoding.ASCII.GetBytes(className), Value);
        Value = Crc32Mpeg2.Update(Encoding.ASCII.GetBytes(methodName), Value);
        Null();
    }
}

internal static class Crc32Mpeg2
{
    public static uint Update(byte[] data, uint crc)
    {
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }
}

/// <summary>nanoCLR data type names as MetadataProcessor spells them in stub names.</summary>
internal sealed class NanoTypeNames : ISignatureTypeProvider<string, object?>
{
    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Void => "VOID",
        PrimitiveTypeCode.Boolean => "BOOLEAN",
        PrimitiveTypeCode.Char => "CHAR",
        PrimitiveTypeCode.SByte => "I1",
        PrimitiveTypeCode.Byte => "U1",
        PrimitiveTypeCode.Int16 => "I2",
        PrimitiveTypeCode.UInt16 => "U2",
        PrimitiveTypeCode.Int32 => "I4",
        PrimitiveTypeCode.UInt32 => "U4",
        PrimitiveTypeCode.Int64 => "I8",
        PrimitiveTypeCode.UInt64 => "U8",
        PrimitiveTypeCode.Single => "R4",
        PrimitiveTypeCode.Double => "R8",
        PrimitiveTypeCode.String => "STRING",
        PrimitiveTypeCode.Object => "OBJECT",
        _ => throw new InvalidDataException($"type {typeCode} has no nanoCLR stub name known to this tool"),
    };

    public string GetSZArrayType(string elementType) => "SZARRAY_" + elementType;

    public string GetByReferenceType(string elementType) => "BYREF_" + elementType;

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var t = reader.GetTypeDefinition(handle);
        return (reader.GetString(t.Namespace) + reader.GetString(t.Name)).Replace(".", "");
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var t = reader.GetTypeReference(handle);
        return (reader.GetString(t.Namespace) + reader.GetString(t.Name)).Replace(".", "");
    }

    public string GetArrayType(string elementType, ArrayShape shape) => throw Unsupported("multi-dimensional arrays");
    public string GetFunctionPointerType(MethodSignature<string> signature) => throw Unsupported("function pointers");
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => throw Unsupported("generics");
    public string GetGenericMethodParameter(object? genericContext, int index) => throw Unsupported("generics");
    public string GetGenericTypeParameter(object? genericContext, int index) => throw Unsupported("generics");
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetPinnedType(string elementType) => elementType;
    public string GetPointerType(string elementType) => elementType + "ptr";
    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        throw Unsupported("type specifications");

    private static InvalidDataException Unsupported(string what) =>
        new($"{what} in a native method signature: not supported by nanoFramework interop");
}
