using AdherenceSync.Cli;

namespace AdherenceSync.Tests.Cli;

public sealed class CliAppTests
{
    [Theory]
    [InlineData("")]
    [InlineData("push")]
    [InlineData("validate")]
    public async Task Help_EveryCommand_ListsEveryOptionWithItsDescription(string name)
    {
        var cli = new CliRunner();
        var root = CliApp.CreateRoot(new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, Variables = new Dictionary<string, string?>() });
        var command = name.Length == 0 ? root : root.Subcommands.Single(c => c.Name == name);

        var exitCode = await cli.RunAsync(name.Length == 0 ? ["--help"] : [name, "--help"]);

        var help = cli.Out.ToString();
        Assert.Equal(0, exitCode);
        Assert.True(command.Options.Count >= 2, "the command has options besides --help");
        foreach (var option in command.Options)
        {
            Assert.Contains(option.Name, help);
            if (option.Description is { Length: > 0 } description)
            {
                Assert.Contains(description[..Math.Min(40, description.Length)], help.ReplaceLineEndings(" "));
            }
        }
    }
}
