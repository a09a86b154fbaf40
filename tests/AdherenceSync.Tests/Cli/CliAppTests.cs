using AdherenceSync.Cli;
using AdherenceSync.Tests.Support;

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

    [Theory]
    [InlineData("--help", "adherencesync [command] [options]")]
    [InlineData("push --help", "adherencesync push [options]")]
    public async Task Help_RunAsTheInstalledCommand_UsageShowsTheCommandsName(string args, string usage)
    {
        using var child = ChildCli.Start(args.Split(' '), new Dictionary<string, string>(), Path.GetTempPath());

        var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Contains($"Usage:\n  {usage}", child.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("AdherenceSync.Cli", child.Output, StringComparison.Ordinal);
    }
}
