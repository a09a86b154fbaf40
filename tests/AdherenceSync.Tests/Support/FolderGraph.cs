using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace AdherenceSync.Tests.Support;

/// <summary>
/// Which source folder of an assembly refers to which, read from the compiled assembly: the folder of every type from
/// its source files in the portable PDB, and every type a type refers to from its signatures, attributes and IL.
/// </summary>
internal sealed class FolderGraph
{
    private static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private FolderGraph(IReadOnlyDictionary<Type, string> folders, IReadOnlyDictionary<(string From, string To), SortedSet<string>> edges)
    {
        Folders = folders;
        Edges = edges;
    }

    /// <summary>Gets the source folder of every type that has one, relative to the project ("" for its root).</summary>
    public IReadOnlyDictionary<Type, string> Folders { get; }

    /// <summary>Gets, for every pair of different folders, the names of the types of the first that refer to the second.</summary>
    public IReadOnlyDictionary<(string From, string To), SortedSet<string>> Edges { get; }

    /// <param name="assembly">The assembly, with its portable PDB beside it.</param>
    /// <param name="projectFolder">The project's folder as it appears in document paths, such as <c>src/AdherenceSync/</c>.</param>
    public static FolderGraph Of(Assembly assembly, string projectFolder)
    {
        var folders = ReadFolders(assembly, projectFolder);
        var edges = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (!folders.TryGetValue(owner, out var from))
            {
                continue;
            }

            foreach (var used in References(type).Select(Outermost).Where(t => t.Assembly == assembly).Distinct())
            {
                if (folders.TryGetValue(used, out var to) && to != from)
                {
                    if (!edges.TryGetValue((from, to), out var names))
                    {
                        edges[(from, to)] = names = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    names.Add($"{owner.Name} uses {used.Name}");
                }
            }
        }

        return new FolderGraph(folders, edges);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
    }

    private static Dictionary<Type, string> ReadFolders(Assembly assembly, string projectFolder)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(assembly.Location, ".pdb")));
        var metadata = pe.GetMetadataReader();
        var pdb = pdbProvider.GetMetadataReader();
        var byToken = new Dictionary<int, string>();

        foreach (var handle in pdb.MethodDebugInformation)
        {
            var info = pdb.GetMethodDebugInformation(handle);
            var document = info.Document.IsNil ? info.GetSequencePoints().Select(p => p.Document).FirstOrDefault(d => !d.IsNil) : info.Document;
            if (!document.IsNil && FolderOf(pdb, document, projectFolder) is { } folder)
            {
                var method = metadata.GetMethodDefinition(MetadataTokens.MethodDefinitionHandle(MetadataTokens.GetRowNumber(handle)));
                byToken.TryAdd(MetadataTokens.GetToken(method.GetDeclaringType()), folder);
            }
        }

        // Types without a method body (interfaces, enums) are placed by the compiler's list of their documents.
        foreach (var handle in pdb.CustomDebugInformation)
        {
            var info = pdb.GetCustomDebugInformation(handle);
            if (info.Parent.Kind != HandleKind.TypeDefinition || pdb.GetGuid(info.Kind) != TypeDefinitionDocuments)
            {
                continue;
            }

            var blob = pdb.GetBlobReader(info.Value);
            while (blob.RemainingBytes > 0)
            {
                if (FolderOf(pdb, MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()), projectFolder) is { } folder)
                {
                    byToken.TryAdd(MetadataTokens.GetToken(info.Parent), folder);
                    break;
                }
            }
        }

        // A nested type (a closure, a state machine) belongs to the folder of the type it is nested in.
        var folders = new Dictionary<Type, string>();
        foreach (var (token, folder) in byToken)
        {
            folders.TryAdd(Outermost(assembly.ManifestModule.ResolveType(token)), folder);
        }

        return folders;
    }

    private static string? FolderOf(MetadataReader pdb, DocumentHandle handle, string projectFolder)
    {
        var path = pdb.GetString(pdb.GetDocument(handle).Name).Replace('\\', '/');
        var at = path.IndexOf(projectFolder, StringComparison.Ordinal);
        if (at < 0 || path.Contains("/obj/", StringComparison.Ordinal))
        {
            return null; // generated code: its type is placed by its hand-written part
        }

        var relative = path[(at + projectFolder.Length)..];
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? string.Empty : relative[..slash];
    }

    private static IEnumerable<Type> References(Type type)
    {
        var found = new List<Type>();
        Add(found, type.BaseType);
        foreach (var item in type.GetInterfaces())
        {
            Add(found, item);
        }

        foreach (var attribute in type.CustomAttributes)
        {
            Add(found, attribute.AttributeType);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Add(found, field.FieldType);
            foreach (var attribute in field.CustomAttributes)
            {
                Add(found, attribute.AttributeType);
            }
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(found, property.PropertyType);
            foreach (var attribute in property.CustomAttributes)
            {
                Add(found, attribute.AttributeType);
            }
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            foreach (var local in method.GetMethodBody()?.LocalVariables ?? [])
            {
                Add(found, local.LocalType);
            }

            ReadIl(found, method);
        }

        return found;
    }

    private static void ReadIl(List<Type> found, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[at++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    AddMember(found, method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments));
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static void AddMember(List<Type> found, MemberInfo? member)
    {
        switch (member)
        {
            case Type type:
                Add(found, type);
                break;
            case MethodInfo method:
                Add(found, method.DeclaringType);
                Add(found, method.ReturnType);
                foreach (var argument in method.IsGenericMethod ? method.GetGenericArguments() : [])
                {
                    Add(found, argument);
                }

                break;
            case FieldInfo field:
                Add(found, field.DeclaringType);
                Add(found, field.FieldType);
                break;
            case { DeclaringType: { } declaring }:
                Add(found, declaring);
                break;
        }
    }

    private static void Add(List<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }

        found.Add(type);
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }
}
