using System.Runtime.InteropServices;

namespace AdherenceSync.Cli;

/// <summary>
/// What the CLI takes from its process: console, environment variables, clock and Ctrl+C. Tests pass their own.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Gets the environment variables; names compare case-insensitively, as on Windows.</summary>
    public required IReadOnlyDictionary<string, string?> Variables { get; init; }

    /// <summary>Gets the directory where <c>appsettings.json</c> is looked for.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Gets a value indicating whether the output is a terminal a person watches, so a live display fits.</summary>
    public bool IsInteractive { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets a token cancelled by Ctrl+C or SIGTERM.</summary>
    public CancellationToken Interrupted { get; init; }

    /// <summary>Gets a hook that configures every client the CLI builds, such as a test's request tracker.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IAdherenceSyncBuilder>? ConfigureClient { get; init; }

    /// <summary>Gets a hook that sees each push before it runs, such as a test's fake-clock driver.</summary>
    public Func<Task<PushReport>, Task<PushReport>> RunPush { get; init; } = push => push;

    public static CliEnvironment FromProcess()
    {
        var interrupted = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            // Keep the process alive: the push stops, writes its report and exits with 130.
            context.Cancel = true;
            interrupted.Cancel();
        }

        _ = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        _ = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return new CliEnvironment
        {
            Out = Console.Out,
            Error = Console.Error,
            Variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.OrdinalIgnoreCase),
            IsInteractive = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
            Interrupted = interrupted.Token,
        };
    }
}
