namespace AdherenceSync.Tests.Support;

/// <summary>Reads one section of a document of the repository, so that a test can hold the code to what it says.</summary>
internal static class MarkdownSection
{
    /// <summary>The lines under the heading <c>## <paramref name="heading"/></c>, up to the next <c>## </c> heading.</summary>
    /// <param name="path">The document, relative to the repository's root, such as <c>README.md</c>.</param>
    /// <param name="heading">The heading's text, without the <c>## </c>.</param>
    public static string[] Lines(string path, string heading)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, path)).ReplaceLineEndings("\n");
        var start = text.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{path} has no section '## {heading}'.");
        }

        var section = text[(start + 1)..];
        var end = section.IndexOf("\n## ", StringComparison.Ordinal);
        return (end < 0 ? section : section[..end]).Split('\n');
    }
}
