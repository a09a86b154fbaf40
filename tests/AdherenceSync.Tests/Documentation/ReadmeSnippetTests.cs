using System.Text.RegularExpressions;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Documentation;

/// <summary>
/// The packages' readmes show code that CI compiles and runs: each C# block is found, line for line, in
/// <c>tests/AdherenceSync.Consumer</c>, which <c>.ci/consumer</c> builds from the packed packages with warnings as errors.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private static readonly string Consumer = Path.Combine(RepositoryPaths.Root, "tests", "AdherenceSync.Consumer");

    [Theory]
    [InlineData("src/AdherenceSync/README.md", 2)]
    [InlineData("src/AdherenceSync.Testing/README.md", 1)]
    public void CSharpBlocks_OfAReadme_AreInTheConsumerThatCiBuilds(string readme, int atLeast)
    {
        var blocks = CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryPaths.Root, readme)))
            .Where(block => !block.Contains("...", StringComparison.Ordinal))  // placeholders are not code
            .ToList();
        var sources = Directory.EnumerateFiles(Consumer, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Normalize(File.ReadAllText(path)))
            .ToList();

        Assert.True(blocks.Count >= atLeast, $"{readme}: {blocks.Count} C# blocks without placeholders, expected {atLeast} or more");
        var missing = blocks.Where(block => !sources.Any(source => source.Contains(Normalize(block), StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{readme}: not compiled by the consumer:\n{string.Join("\n---\n", missing)}");
    }

    [Theory]
    [InlineData("src/AdherenceSync.Testing/README.md")]
    [InlineData("README.md")]
    public void TestingExample_OfAReadme_IsTheConsumersTestFileAsWritten(string readme)
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, readme));
        var test = File.ReadAllText(Path.Combine(Consumer, "Consumer.Tests", "PushTests.cs"));

        Assert.Contains(test.ReplaceLineEndings("\n"), CSharpBlocks(markdown));
    }

    private static IEnumerable<string> CSharpBlocks(string markdown)
        => Block().Matches(markdown.ReplaceLineEndings("\n")).Select(m => m.Groups["code"].Value);

    /// <summary>Each line trimmed, empty lines dropped: indentation is the file's, not the readme's.</summary>
    private static string Normalize(string code)
        => string.Join('\n', code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();
}
