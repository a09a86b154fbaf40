using System.Net;
using AdherenceSync.Testing.Relay;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace AdherenceSync.Testing;

/// <summary>
/// A WireMock.Net simulator of the WFM adherence API (Genesys Cloud's shape) on loopback. It throttles with a token
/// bucket per bearer token (and optionally per queue), injects faults, and records every request and applied write so
/// that tests can ask what really happened.
/// </summary>
/// <remarks>
/// Requests reach WireMock through a small TCP relay, so that a fault can really reset a connection after the write
/// was applied. <see cref="Server"/> is exposed for stubs of your own.
/// </remarks>
public sealed partial class WfmSimulator : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ConnectionRelay _relay;
    private readonly Dictionary<string, int> _randomRepeats = new(StringComparer.Ordinal);

    // Cancels the simulator's own waits (latency, stalls, jobs) on disposal, so that stopping never waits for a stall
    // on a clock that nobody advances any more.
    private readonly CancellationTokenSource _stopping = new();

    private WfmSimulator(WfmSimulatorOptions options)
    {
        Options = options;
        Server = WireMockServer.Start(new WireMockServerSettings { MaxRequestLogCount = 100 });
        Server
            .Given(Request.Create().WithPath(new RegexMatcher(".*")).UsingAnyMethod())
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(HandleAsync));
        _relay = new ConnectionRelay(new IPEndPoint(IPAddress.Loopback, Server.Port), options.TimeProvider, options.Port);
        BaseAddress = new Uri($"http://127.0.0.1:{_relay.Port}/");
    }

    /// <summary>
    /// Gets the options the simulator was started with.
    /// </summary>
    public WfmSimulatorOptions Options { get; }

    /// <summary>
    /// Gets the base URL to point a client at.
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Gets the underlying WireMock server. Its catch-all mapping has the lowest priority, so stubs of your own win.
    /// </summary>
    public WireMockServer Server { get; }

    /// <summary>
    /// Starts a simulator with default options on a free loopback port.
    /// </summary>
    /// <returns>The running simulator. Dispose it to stop it.</returns>
    public static WfmSimulator Start() => new(new WfmSimulatorOptions());

    /// <summary>
    /// Starts a simulator on a free loopback port.
    /// </summary>
    /// <param name="options">How it behaves.</param>
    /// <returns>The running simulator. Dispose it to stop it.</returns>
    public static WfmSimulator Start(WfmSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options);
    }

    /// <summary>
    /// Starts a simulator, configuring its options first.
    /// </summary>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The running simulator. Dispose it to stop it.</returns>
    public static WfmSimulator Start(Action<WfmSimulatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new WfmSimulatorOptions();
        configure(options);
        return new(options);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Cancel();
        _relay.Dispose();
        Server.Stop();
        Server.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Waits on the simulator's clock; a wait cut short by disposal simply ends. On a <see cref="FakeTimeDriver"/>'s clock
    /// the request counts as held here, so that the driver knows fake time may move while it is on the wire.
    /// </summary>
    private async Task DelayAsync(TimeSpan delay)
    {
        try
        {
            await Time.TimerTrackingTimeProvider.DelayHeldAsync(Options.TimeProvider, delay, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private DateTimeOffset Now => Options.TimeProvider.GetUtcNow();
}
