using AdherenceSync.Authentication;
using Polly;
using Polly.Retry;

namespace AdherenceSync.Resilience;

/// <summary>
/// Signing in is shared by the whole push, so it is retried once for all of it, with the same budget as a request
/// (<see cref="RetryOptions.MaxAttempts"/> attempts, exponential backoff from <see cref="RetryOptions.BaseDelay"/>, jittered when <see cref="RetryOptions.UseJitter"/> says so,
/// capped at <see cref="RetryOptions.MaxDelay"/>), instead of once per row.
/// </summary>
internal static class SignInPipeline
{
    public static ResiliencePipeline Create(RetryOptions retry, TimeProvider timeProvider)
        => retry.MaxAttempts <= 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<AccessTokenException>(e => !e.CredentialsRejected),
                    MaxRetryAttempts = retry.MaxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = retry.UseJitter,
                    Delay = retry.BaseDelay,
                    MaxDelay = retry.MaxDelay,
                })
                .Build();
}
