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
        Assert.Matches(@"answered 429\s+[1-9]\d*", output);
        Assert.Contains("explanations stored          200", output);
        Assert.Contains("stored more than once        0", output);
        Assert.Contains("queue overlaps               0", output);
        Assert.Equal(string.Empty, cli.Error.ToString());
    }
}
