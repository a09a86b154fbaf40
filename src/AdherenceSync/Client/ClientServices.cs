using AdherenceSync.Authentication;
using AdherenceSync.Pacing;
using AdherenceSync.Resilience;
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
        string name, AdherenceSyncOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, Func<HttpClient>? tokenHttpClient = null, Func<double>? randomizer = null)
    {
        Name = name;
        Options = options;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger("AdherenceSync");
        Tokens = options.UsesClientCredentials
            ? new ClientCredentialsTokenSource(
                options.ClientCredentials, options.TokenEndpoint!, tokenHttpClient ?? (() => throw new InvalidOperationException("No HTTP client for the token endpoint.")),
                options.Retry.AttemptTimeout, timeProvider, Logger)
            : new StaticAccessTokenSource(options.AccessToken ?? string.Empty);
        Pacing = new ClientPacing(options.Pacing, options.MaxParallelQueues, options.Retry.MaxRetryAfter, timeProvider);
        RetryBudget = new RetryBudget(options.Retry.Budget);
        RowPipeline = ExplanationPipelines.CreateRowPipeline(options.Retry, Pacing, RetryBudget, timeProvider, Logger, randomizer);
        AttemptPipeline = ExplanationPipelines.CreateAttemptPipeline(options.Retry, timeProvider);
    }

    public string Name { get; }

    public AdherenceSyncOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public ClientPacing Pacing { get; }

    public IAccessTokenSource Tokens { get; }

    public RetryBudget RetryBudget { get; }

    public ResiliencePipeline<AttemptResult> RowPipeline { get; }

    public ResiliencePipeline AttemptPipeline { get; }

    public void Dispose()
    {
        Pacing.Dispose();
        (Tokens as IDisposable)?.Dispose();
    }
}
