using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Architecture;

/// <summary>
/// The folders of src/AdherenceSync are the steps of a push, and their dependencies point one way: each folder uses only
/// the folders below it in the table of docs/architecture.md ("Folders and the direction of their dependencies"), which
/// is read here, so that the document and the code cannot drift apart.
/// </summary>
public sealed partial class FolderDependencyTests
{
    /// <summary>From the top down, as the document lists them; "" is the project's root folder (AdherenceRow, AdherenceSyncOptions).</summary>
    internal static readonly string[] Layers = DocumentedLayers();

    private static readonly Lazy<FolderGraph> Library = new(() => FolderGraph.Of(typeof(AdherenceRow).Assembly, "src/AdherenceSync/"));

    [Fact]
    public void Library_EveryFolder_UsesOnlyTheFoldersBelowIt()
    {
        var upward = Library.Value.Edges
            .Where(edge => !IsAllowed(edge.Key.From, edge.Key.To))
            .Select(edge => $"{Name(edge.Key.From)} -> {Name(edge.Key.To)}: {string.Join("; ", edge.Value)}")
            .ToList();

        Assert.True(upward.Count == 0, "folders that refer to a folder above them:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Library_EveryFolder_IsInTheLayers()
    {
        var folders = Library.Value.Folders.Values.Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Layers.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void Of_TheLibrary_SeesReferencesFromSignaturesAndFromMethodBodies()
    {
        var edges = Library.Value.Edges;

        // A constructor parameter (RowPolicies takes ClientPacing) and a call inside a method body only (PushEngine calls
        // SignInPipeline.Create): the graph is not empty by accident.
        Assert.Contains("RowPolicies uses ClientPacing", edges[("Push", "Pacing")]);
        Assert.Contains("PushEngine uses SignInPipeline", edges[("Push", "Resilience")]);
        Assert.True(edges.Count > 20, $"only {edges.Count} folder pairs found");
    }

    [Theory]
    [InlineData("Push", "Genesys", true)]
    [InlineData("", "Pacing", true)]
    [InlineData("Genesys", "Push", false)]
    [InlineData("Pacing", "", false)]
    [InlineData("Telemetry", "Reporting", false)]
    [InlineData("Unknown", "Pacing", false)]
    public void IsAllowed_APair_FollowsTheLayers(string from, string to, bool expected)
        => Assert.Equal(expected, IsAllowed(from, to));

    private static bool IsAllowed(string from, string to)
    {
        var upper = Array.IndexOf(Layers, from);
        var lower = Array.IndexOf(Layers, to);
        return upper >= 0 && lower > upper;
    }

    [Fact]
    public void Layers_ReadFromTheDocument_StartWithRegistrationAndEndWithTheLeaves()
    {
        Assert.Equal("DependencyInjection", Layers[0]);
        Assert.Contains("Push", Layers);
        Assert.True(Array.IndexOf(Layers, "Push") < Array.IndexOf(Layers, "Pacing"), "Push sits above Pacing");
        Assert.Equal(13, Layers.Length);
    }

    private static string Name(string folder) => folder.Length == 0 ? "(root)" : folder;

    private static string[] DocumentedLayers()
    {
        return [.. MarkdownSection.Lines("docs/architecture.md", "Folders and the direction of their dependencies")
            .Select(line => LayerRow().Match(line)).Where(m => m.Success).Select(m => m.Groups["folder"].Value)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\| (`(?<folder>[A-Za-z]+)/`|\(root\)(?<folder>)) \|")]
    private static partial System.Text.RegularExpressions.Regex LayerRow();
}
