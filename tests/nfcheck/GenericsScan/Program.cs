using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

// Usage: GenericsScan <assembly.dll>... ; prints one line per generic use, exits 1 if any.
internal static class Program
{
    private const byte GenericInstSignature = 0x15;

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: GenericsScan <assembly.dll>...");
            return 2;
        }

        int found = 0;
        foreach (string path in args)
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"GenericsScan: no such assembly: {path}");
                return 2;
            }

            using FileStream stream = File.OpenRead(path);
            using PEReader pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            string name = Path.GetFileName(path);

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.GenericParam); row++)
            {
                GenericParameter parameter = md.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
                Console.WriteLine($"{name}: {Owner(md, parameter.Parent)} declares type parameter {md.GetString(parameter.Name)}");
                found++;
            }

            if (md.GetTableRowCount(TableIndex.MethodSpec) > 0)
            {
                Console.WriteLine($"{name}: calls {md.GetTableRowCount(TableIndex.MethodSpec)} generic method instantiation(s)");
                found++;
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
                if (md.GetBlobReader(spec.Signature).ReadByte() == GenericInstSignature)
                {
                    Console.WriteLine($"{name}: uses a generic type instantiation");
                    found++;
                    break;
                }
            }
        }

        return found == 0 ? 0 : 1;
    }

    private static string Owner(MetadataReader md, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeDefinition)
        {
            TypeDefinition type = md.GetTypeDefinition((TypeDefinitionHandle)parent);
            return $"type {md.GetString(type.Namespace)}.{md.GetString(type.Name)}";
        }

        MethodDefinition method = md.GetMethodDefinition((MethodDefinitionHandle)parent);
        TypeDefinition declaring = md.GetTypeDefinition(method.GetDeclaringType());
        return $"method {md.GetString(declaring.Namespace)}.{md.GetString(declaring.Name)}.{md.GetString(method.Name)}";
    }
}
