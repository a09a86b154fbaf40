using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Architecture;

/// <summary>
/// The folders of src/AdherenceSync are the steps of a push, and their dependencies point one way: each folder uses only
/// the folders below it in <see cref="Layers"/> (docs/architecture.md lists the same order).
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>From the top down; "" is the project's root folder (AdherenceRow, AdherenceSyncOptions).</summary>
    internal static readonly string[] Layers =
    [
        "DependencyInjection", "Client", "Push", "Checkpoints", "Reporting", "Validation", "",
        "Resilience", "Authentication", "Genesys", "Pacing", "Telemetry", "Annotations",
    ];

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

        // A constructor parameter (RowWriter takes ClientPacing) and a call inside a method body only (PushEngine calls
        // SignInPipeline.Create): the graph is not empty by accident.
        Assert.Contains("RowWriter uses ClientPacing", edges[("Push", "Pacing")]);
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

    private static string Name(string folder) => folder.Length == 0 ? "(root)" : folder;
}
