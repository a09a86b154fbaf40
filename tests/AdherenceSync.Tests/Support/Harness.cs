using AdherenceSync.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Tests.Support;

/// <summary>A simulator and a DI-built client sharing one fake clock.</summary>
internal sealed class Harness : IDisposable
{
    public const string Token = "test-token";

    /// <summary>The budget of a test whose subject is not the budget: high enough that pacing never makes it wait.</summary>
    public const int AmpleRequestsPerMinute = 6000;

    private readonly ServiceProvider _provider;

    public Harness(Action<WfmSimulatorOptions>? simulator = null, Action<AdherenceSyncOptions>? client = null, FakeClock? clock = null, ILoggerProvider? logs = null)
    {
        Clock = clock ?? new FakeClock();
        Clock.IsIdle = () => InFlight.Current <= Clock.HeldBySimulator;

        // Fake time waits for the wire, so a loaded machine makes a test take longer, never see another schedule.
        Clock.RealTimeLimit = TimeSpan.FromMinutes(5);
        var simulatorOptions = new WfmSimulatorOptions { TimeProvider = Clock.Time };
        simulator?.Invoke(simulatorOptions);
        Simulator = WfmSimulator.Start(simulatorOptions);
        InFlight.QueueOfAgent = agent => simulatorOptions.AgentQueues.TryGetValue(agent, out var queue) ? queue : null;

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock.Time);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        // Every client, the token endpoint's included, so that the fake clock knows when anything is on the wire.
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(InFlight.CreateHandler));
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = Simulator.BaseAddress;
            o.AccessToken = Token;
            client?.Invoke(o);
        });
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<IAdherenceSyncClient>();
    }

    /// <summary>A harness whose simulator and client both allow <see cref="AmpleRequestsPerMinute"/>.</summary>
    public static Harness Ample(Action<WfmSimulatorOptions>? simulator = null, Action<AdherenceSyncOptions>? client = null, FakeClock? clock = null, ILoggerProvider? logs = null)
        => new(
            s =>
            {
                s.RequestsPerMinute = AmpleRequestsPerMinute;
                simulator?.Invoke(s);
            },
            c =>
            {
                c.Pacing.RequestsPerMinute = AmpleRequestsPerMinute;
                client?.Invoke(c);
            },
            clock,
            logs);

    public FakeClock Clock { get; }

    public WfmSimulator Simulator { get; }

    public IAdherenceSyncClient Client { get; }

    public InFlightTracker InFlight { get; } = new();

    public IServiceProvider Services => _provider;

    public WfmSimulatorOptions SimulatorOptions => Simulator.Options;

    public Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows)
        => PushUntilAsync(rows, TestContext.Current.CancellationToken);

    /// <summary>Pushes until done or until <paramref name="cancellationToken"/> cancels the push.</summary>
    public Task<PushReport> PushUntilAsync(IEnumerable<AdherenceRow> rows, CancellationToken cancellationToken)
        => Clock.RunAsync(Client.PushAsync(rows, cancellationToken: cancellationToken));

    public void Dispose()
    {
        _provider.Dispose();
        Simulator.Dispose();
    }
}
