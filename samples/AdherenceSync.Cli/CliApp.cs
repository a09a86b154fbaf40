using System.CommandLine;
using AdherenceSync.Cli.Commands;
using AdherenceSync.Cli.Output;

namespace AdherenceSync.Cli;

/// <summary>The command tree: no command runs the demo; <c>push</c> pushes a CSV file; <c>validate</c> checks one; <c>simulate</c> serves the simulator.</summary>
internal static class CliApp
{
    /// <summary>The command's name, as the tool installs it (<c>ToolCommandName</c>); help's usage line shows it.</summary>
    public const string CommandName = "adherencesync";

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var parse = CreateRoot(environment).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync("Run with --help for usage. Nothing was sent.");
            return ExitCodes.InvalidInput;
        }

        // Ctrl+C is handled by the environment, so that a push can write its report and exit with 130.
        var invocation = new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(invocation, environment.Interrupted);
    }

    public static RootCommand CreateRoot(CliEnvironment environment)
    {
        var root = new RootCommand("AdherenceSync: push adherence exceptions to a rate-limited WFM API without 429 storms, lost rows or duplicates. With no command it runs a demo against an embedded simulator.")
        {
            PushCommand.Create(environment),
            ValidateCommand.Create(environment),
            SimulateCommand.Create(environment),
        };
        root.SetAction((_, cancellationToken) => DemoCommand.RunAsync(environment, cancellationToken));
        CommandNameHelp.Apply(root);
        return root;
    }
}
