using AdherenceSync.Genesys;
using Polly;
using Polly.Retry;

namespace AdherenceSync.Resilience;

/// <summary>
/// The retry strategy of every request: at most <see cref="RetryOptions.MaxAttempts"/> attempts, exponential backoff
/// from <see cref="RetryOptions.BaseDelay"/> with jitter, computed delays capped at <see cref="RetryOptions.MaxDelay"/>;
/// the server's Retry-After replaces the computed delay.
/// </summary>
internal static class RetryStrategy
{
    /// <param name="retry">The retry options.</param>
    /// <param name="shouldRetry">Whether an outcome is retried; the caller decides from the answer classifier's verdict, with its own limits (attempts, budget).</param>
    /// <param name="onRetry">Called before each retry's delay.</param>
    /// <param name="randomizer">The jitter's source, for tests; Polly's own when null.</param>
    /// <returns>The strategy's options, or null when <see cref="RetryOptions.MaxAttempts"/> allows no retry.</returns>
    public static RetryStrategyOptions<ApiAnswer>? Create(
        RetryOptions retry, Func<RetryPredicateArguments<ApiAnswer>, ValueTask<bool>> shouldRetry, Func<OnRetryArguments<ApiAnswer>, ValueTask> onRetry, Func<double>? randomizer = null)
    {
        if (retry.MaxAttempts <= 1)
        {
            return null;
        }

        var options = new RetryStrategyOptions<ApiAnswer>
        {
            MaxRetryAttempts = retry.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = retry.UseJitter,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            // The caller's predicate itself: Polly calls it with each outcome, and nothing of this folder runs between.
            ShouldHandle = shouldRetry,

            // The server's Retry-After replaces the computed delay. It is not capped by MaxDelay; the classifier has
            // already refused to retry one longer than MaxRetryAfter.
            DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter.Delay),
            OnRetry = onRetry,
        };

        if (randomizer is not null)
        {
            options.Randomizer = randomizer;
        }

        return options;
    }
}
