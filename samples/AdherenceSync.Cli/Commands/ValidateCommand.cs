using System.CommandLine;
using AdherenceSync.Cli.Output;

namespace AdherenceSync.Cli.Commands;

/// <summary><c>validate</c>: checks a CSV file as <c>push</c> would, and sends nothing. Its options are a published contract.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var input = CommonOptions.Input();
        var format = CommonOptions.Format();
        var config = CommonOptions.Config();
        var command = new Command("validate", "Check a CSV file line by line, as push would, without sending anything. Exit code 0 when it is valid, 2 when not.")
        {
            input, format, config,
        };
        command.SetAction(parse => RunAsync(environment, parse.GetRequiredValue(input), parse.GetValue(format), parse.GetValue(config)));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, FileInfo input, OutputFormat format, FileInfo? config)
    {
        if (await CliSettings.LoadAsync(environment, config, []) is not { } settings
            || await InputFile.CheckAsync(environment, input, settings.Options.MaxRowsPerPush, format) is not { } check)
        {
            return ExitCodes.InvalidInput;
        }

        if (!check.IsValid)
        {
            return ExitCodes.InvalidInput;
        }

        if (format == OutputFormat.Json)
        {
            await CliJson.WriteAsync(environment.Out, ValidationDocument.From(input.Name, check));
        }
        else
        {
            await environment.Out.WriteLineAsync($"{input.Name}: valid. {Counted.Of(check.Lines.Count, "row", "rows")} over {Counted.Of(check.QueueRows.Count, "queue", "queues")}. Nothing was sent.");
        }

        return ExitCodes.Success;
    }
}
