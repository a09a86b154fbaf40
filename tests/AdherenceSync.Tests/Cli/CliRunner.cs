using Microsoft.Extensions.DependencyInjection;
using AdherenceSync.Cli;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Cli;

/// <summary>Runs the CLI in-process against a fake clock, capturing its output.</summary>
internal sealed class CliRunner
{
    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal);

    public CliRunner()
    {
        Clock = new FakeClock(isIdle: () => InFlight.Current <= Clock!.HeldBySimulator);
    }

    public FakeClock Clock { get; }

    public InFlightTracker InFlight { get; } = new();

    public StringWriter Out { get; } = new();

    /// <summary>Gets or sets where the CLI looks for appsettings.json; by default a directory with none.</summary>
    public string WorkingDirectory { get; set; } = Path.GetTempPath();

    public StringWriter Error { get; } = new();

    public CancellationTokenSource Interrupt { get; } = new();

    /// <summary>Gets or sets a hook called on every clock turn while a push runs, e.g. to press Ctrl+C.</summary>
    public Action? OnTurn { get; set; }

    public CliRunner WithVariable(string name, string? value)
    {
        _variables[name] = value;
        return this;
    }

    /// <remarks>Commands may run side by side (such as <c>simulate</c> and <c>push</c>), so their writers are synchronized.</remarks>
    public Task<int> RunAsync(params string[] args) => CliApp.RunAsync(args, new CliEnvironment
    {
        Out = TextWriter.Synchronized(Out),
        Error = TextWriter.Synchronized(Error),
        Variables = _variables,
        WorkingDirectory = WorkingDirectory,
        TimeProvider = Clock.Time,
        Interrupted = Interrupt.Token,
        RunPush = DriveAsync,
        ConfigureClient = builder => builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(InFlight.CreateHandler)),
    });

    private async Task<PushReport> DriveAsync(Task<PushReport> push)
    {
        var turns = Task.Run(async () =>
        {
            while (!push.IsCompleted)
            {
                OnTurn?.Invoke();
                await Task.Delay(5);
            }
        });
        var report = await Clock.RunAsync(push);
        await turns;
        return report;
    }
}
