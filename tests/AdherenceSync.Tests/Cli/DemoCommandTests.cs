namespace AdherenceSync.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Run_NoArguments_PushesTheCohortThroughThrottlingAndExitsZero()
    {
        var cli = new CliRunner();

        var exitCode = await cli.RunAsync();

        var output = cli.Out.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Succeeded          200", output);
        var answered429 = System.Text.RegularExpressions.Regex.Match(output, @"answered 429\s+([1-9]\d*)");
        Assert.True(answered429.Success, output);

        // The summary's count comes from the library's adherencesync.throttled instrument; the simulator's from what it sent.
        Assert.Contains($"Throttled (429)  {answered429.Groups[1].Value}\n", output.ReplaceLineEndings("\n"));
        Assert.Matches(@"Waited\s+[1-9]\d*\.\d s", output);
        Assert.Contains("explanations stored          200", output);
        Assert.Contains("stored more than once        0", output);
        Assert.Contains("queue overlaps               0", output);
        Assert.Equal(string.Empty, cli.Error.ToString());
    }
}
