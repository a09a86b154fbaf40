using System.Threading.RateLimiting;
using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using AdherenceSync.Pacing;
using AdherenceSync.Push;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Client;

/// <summary>
/// What one named client keeps for its lifetime: its token source, pacing, retry budget and pipelines. Pushes share them,
/// so what one push learns (a pause, a rate) holds for the next. Nothing below the client takes this whole: each type is
/// built here with what it uses.
/// </summary>
internal sealed class ClientServices : IDisposable
{
    private readonly AdherenceSyncMetrics? _ownedMetrics;
    private readonly string _name;
    private readonly AdherenceSyncOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<HttpClient> _plainHttpClient;
    private readonly ILogger _logger;
    private readonly ClientTelemetry _telemetry;
    private readonly RetryBudget _retryBudget;

    public ClientServices(
        string name, AdherenceSyncOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, Func<HttpClient>? plainHttpClient = null, Func<double>? randomizer = null, AdherenceSyncMetrics? metrics = null)
    {
        _ownedMetrics = metrics is null ? new AdherenceSyncMetrics(null) : null;
        _telemetry = new ClientTelemetry(metrics ?? _ownedMetrics!, name);
        _plainHttpClient = plainHttpClient ?? (() => throw new InvalidOperationException("No plain HTTP client is configured."));
        _name = name;
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger("AdherenceSync");
        Tokens = options.UsesClientCredentials
            ? new ClientCredentialsTokenSource(
                options.ClientCredentials, options.TokenEndpoint!, _plainHttpClient,
                options.Retry.AttemptTimeout, timeProvider, _logger)
            : new StaticAccessTokenSource(options.AccessToken ?? string.Empty);
        Pacing = new ClientPacing(options.Pacing, options.MaxParallelQueues, options.Retry.MaxRetryAfter, timeProvider, options.SharedBudget?.Invoke(name), options.Retry.BaseDelay);
        if (options.Pacing.StateFile is { } stateFile && PacingStateFile.Load(stateFile) is { } learned)
        {
            Pacing.Restore(learned);
        }

        CheckpointTarget = $"host={options.ApiBase?.Authority ?? "(none)"}, registration='{name}', client={(options.UsesClientCredentials ? $"'{options.ClientCredentials.ClientId}'" : "static token")}";
        _retryBudget = new RetryBudget(options.Retry.Budget);
        Pipelines = new RowPipelines(options.Retry, Pacing, _retryBudget, timeProvider, _logger, _telemetry, loggerFactory, TelemetryNames.Registration(name), randomizer);
        _telemetry.Metrics.RegisterRates(name, () => [
            (Pacing.ClientBudget.Name, Pacing.ClientBudget.EffectiveRate),
            .. Pacing.Queues.Values.Select(q => (q.Name, q.EffectiveRate)),
        ]);
    }

    /// <summary>
    /// Gets where this client's rows go, as a checkpoint records it: the API host, the registration's name and the OAuth
    /// client id (a static token is named as such, never quoted).
    /// </summary>
    public string CheckpointTarget { get; }

    public ClientPacing Pacing { get; }

    public IAccessTokenSource Tokens { get; }

    public RowPipelines Pipelines { get; }

    /// <summary>A push of this client, over <paramref name="api"/> (the named client with the token handler).</summary>
    public PushEngine CreatePushEngine(HttpClient api)
        => new(
            new RowWriter(
                new RowTransport(new GenesysApi(api, _plainHttpClient, _timeProvider), _timeProvider, CheckpointTarget),
                new RowPolicies(Pipelines, Pacing, _retryBudget, _options),
                new RowObservers(_telemetry, _logger)),
            Tokens, _options, _telemetry, _logger, _timeProvider, _name, CheckpointTarget);

    /// <summary>Keeps what pacing learned in <see cref="PacingOptions.StateFile"/>, when one is set and something was learned.</summary>
    public async Task SaveLearnedAsync(CancellationToken cancellationToken)
    {
        if (_options.Pacing.StateFile is { } path && Pacing.Learned() is { IsEmpty: false } learned)
        {
            await PacingStateFile.SaveAsync(path, learned, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The token handler of this client's named HTTP client: its token source, and the permit of a resend.</summary>
    public AccessTokenHandler CreateTokenHandler() => new(Tokens, ResendPermitAsync, _logger);

    public void Dispose()
    {
        _telemetry.Metrics.UnregisterRates(_name);
        _ownedMetrics?.Dispose();
        Pacing.Dispose();
        (Tokens as IDisposable)?.Dispose();
    }

    /// <summary>A request sent once more after a token refresh is first in line for the queue it counts against.</summary>
    private ValueTask<RateLimitLease> ResendPermitAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(RequestKeys.Queue, out var queue);
        return Pacing.Limiter.AcquireAsync(new PacingKey(queue ?? string.Empty, SendClass.RefreshedResend), 1, cancellationToken);
    }
}
