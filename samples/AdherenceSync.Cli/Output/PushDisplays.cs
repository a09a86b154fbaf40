using Spectre.Console;

namespace AdherenceSync.Cli.Output;

/// <summary>Chooses the display: live in a terminal, plain lines when redirected or under CI, progress on stderr for JSON.</summary>
internal static class PushDisplays
{
    public static IPushDisplay Create(CliEnvironment environment, OutputFormat format, ThrottleWatch watch)
    {
        var tracker = new ProgressTracker(watch);
        if (format == OutputFormat.Json)
        {
            return new PlainDisplay(environment.Error, tracker);
        }

        if (!environment.IsInteractive)
        {
            return new PlainDisplay(environment.Out, tracker);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Out) });
        return new LiveDisplay(console, tracker, environment.TimeProvider);
    }
}
