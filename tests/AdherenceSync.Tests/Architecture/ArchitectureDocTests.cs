using System.Reflection;
using System.Text.RegularExpressions;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Architecture;

/// <summary>docs/architecture.md names types that exist: every name in its diagram is a type or a partial file of one.</summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly Assembly[] Assemblies = [typeof(AdherenceRow).Assembly, typeof(AdherenceSync.Redis.RedisBudgetOptions).Assembly];

    [Fact]
    public void Diagram_EveryTypeItNames_Exists()
    {
        var names = DiagramNames().Select(n => n.Name).Distinct().ToList();
        var types = Assemblies.SelectMany(a => a.GetTypes()).Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.True(names.Count > 30, $"only {names.Count} names found: the diagram's layout changed");
        Assert.All(names, name => Assert.True(Exists(name, types), $"docs/architecture.md names {name}, which is neither a type nor a partial file of one"));
    }

    [Fact]
    public void Diagram_EachTypeOfTheLibrary_LivesInTheFolderItsLineNames()
    {
        var folders = FolderGraph.Of(typeof(AdherenceRow).Assembly, "src/AdherenceSync/").Folders
            .GroupBy(f => f.Key.Name.Split('`')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var checkedNames = 0;
        var wrong = new List<string>();
        foreach (var (column, name) in DiagramNames())
        {
            var folder = column switch
            {
                "(root)" => string.Empty,
                { } f when f.EndsWith('/') => f.TrimEnd('/'),
                _ => null,
            };
            if (folder is not null && folders.TryGetValue(name.Split('.')[0], out var actual))
            {
                checkedNames++;
                if (actual != folder)
                {
                    wrong.Add($"{name}: the diagram says {column}, the code has {(actual.Length == 0 ? "(root)" : actual + "/")}");
                }
            }
        }

        Assert.True(checkedNames > 30, $"only {checkedNames} names checked: the diagram's layout changed");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// Every type name the diagram of docs/architecture.md lists (its last column), with the column before it: the folder
    /// the line names (its last word), or <see langword="null"/> on a line with one column.
    /// </summary>
    private static IEnumerable<(string? Column, string Name)> DiagramNames()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "architecture.md"));
        var diagram = doc[(doc.IndexOf("```", StringComparison.Ordinal) + 3)..];
        diagram = diagram[..diagram.IndexOf("```", StringComparison.Ordinal)];
        foreach (var parts in diagram.Split('\n').Select(line => Column().Split(line.Trim())))
        {
            var column = parts.Length >= 2 ? parts[^2].Split(' ')[^1] : null;
            foreach (var name in Parenthesis().Replace(parts[^1], string.Empty).Split(',').Select(n => n.Trim()).Where(n => TypeName().IsMatch(n)))
            {
                yield return (column, name);
            }
        }
    }

    private static bool Exists(string name, HashSet<string> types)
    {
        if (types.Contains(name))
        {
            return true;
        }

        // A partial file named after its concern: RowWriter.Jobs is RowWriter.Jobs.cs.
        var owner = name.Split('.')[0];
        return types.Contains(owner)
            && Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), name + ".cs", SearchOption.AllDirectories).Any();
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Column();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]+(\.[A-Z][A-Za-z0-9]+)?$")]
    private static partial Regex TypeName();
}
