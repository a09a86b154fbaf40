using AdherenceSync.Authentication;
using AdherenceSync.Pacing;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;

namespace AdherenceSync.Client;

/// <summary>
/// What one named client keeps for its lifetime: its options, budgets and pipelines. Pushes share it, so
/// what one push learns (a pause, a rate) holds for the next.
/// </summary>
internal sealed class ClientServices : IDisposable
{
    public ClientServices(
        string name, AdherenceSyncOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, Func<HttpClient>? plainHttpClient = null, Func<double>? randomizer = null, AdherenceSyncMetrics? metrics = null)
    {
        _ownedMetrics = metrics is null ? new AdherenceSyncMetrics(null) : null;
        Telemetry = new ClientTelemetry(metrics ?? _ownedMetrics!, name);
        PlainHttpClient = plainHttpClient ?? (() => throw new InvalidOperationException("No plain HTTP client is configured."));
        Name = name;
        Options = options;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger("AdherenceSync");
        Tokens = options.UsesClientCredentials
            ? new ClientCredentialsTokenSource(
                options.ClientCredentials, options.TokenEndpoint!, PlainHttpClient,
                options.Retry.AttemptTimeout, timeProvider, Logger)
            : new StaticAccessTokenSource(options.AccessToken ?? string.Empty);
        Pacing = new ClientPacing(options.Pacing, options.MaxParallelQueues, options.Retry.MaxRetryAfter, timeProvider, options.SharedBudget?.Invoke(name), options.Retry.BaseDelay);
        CheckpointTarget = $"host={options.ApiBase?.Authority ?? "(none)"}, registration='{name}', client={(options.UsesClientCredentials ? $"'{options.ClientCredentials.ClientId}'" : "static token")}";
        RetryBudget = new RetryBudget(options.Retry.Budget);
        RowPipeline = ExplanationPipelines.CreateRowPipeline(options.Retry, Pacing, RetryBudget, timeProvider, Logger, Telemetry, loggerFactory, AdherenceSyncRegistry.DisplayName(name), randomizer);
        Telemetry.Metrics.RegisterRates(name, () => [
            (Pacing.ClientBudget.Name, Pacing.ClientBudget.EffectiveRate),
            .. Pacing.Queues.Values.Select(q => (q.Name, q.EffectiveRate)),
        ]);
        AttemptPipeline = ExplanationPipelines.CreateAttemptPipeline(options.Retry, timeProvider);
    }

    private readonly AdherenceSyncMetrics? _ownedMetrics;

    public string Name { get; }

    /// <summary>
    /// Gets where this client's rows go, as a checkpoint records it: the API host, the registration's name and the OAuth
    /// client id (a static token is named as such, never quoted).
    /// </summary>
    public string CheckpointTarget { get; }

    public ClientTelemetry Telemetry { get; }

    public AdherenceSyncOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public ClientPacing Pacing { get; }

    public IAccessTokenSource Tokens { get; }

    /// <summary>
    /// Gets an HTTP client outside the pipeline, with no token handler: for the token endpoint, and for download links,
    /// which may point at another host and must never receive the bearer token.
    /// </summary>
    public Func<HttpClient> PlainHttpClient { get; }

    public RetryBudget RetryBudget { get; }

    public ResiliencePipeline<AttemptResult> RowPipeline { get; }

    public ResiliencePipeline AttemptPipeline { get; }

    public void Dispose()
    {
        Telemetry.Metrics.UnregisterRates(Name);
        _ownedMetrics?.Dispose();
        Pacing.Dispose();
        (Tokens as IDisposable)?.Dispose();
    }
}
