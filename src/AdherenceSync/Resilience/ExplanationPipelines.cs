using AdherenceSync.Pacing;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Telemetry;

namespace AdherenceSync.Resilience;

/// <summary>
/// Builds the two pipelines a write goes through.
/// </summary>
/// <remarks>
/// <para>
/// The row pipeline is retry, then rate limiter: a permit is acquired per attempt, inside the retry, because every
/// attempt costs budget on the server. It runs on the push's stop token, so a halt ends its waits at once.
/// </para>
/// <para>
/// The attempt pipeline is the per-attempt timeout, run on the caller's token only: a halt caused by another
/// queue never aborts a request that is already on the wire, so its outcome stays known.
/// </para>
/// </remarks>
internal static class ExplanationPipelines
{
    public static ResiliencePipeline<AttemptResult> CreateRowPipeline(
        RetryOptions retry, ClientPacing pacing, RetryBudget budget, TimeProvider timeProvider, ILogger logger, ClientTelemetry telemetry, ILoggerFactory loggerFactory, string registration, Func<double>? randomizer = null)
    {
        // Polly's telemetry names its source "AdherenceSync/<registration>/Retry", so that a line says which organisation.
        var builder = new ResiliencePipelineBuilder<AttemptResult> { Name = ResilienceConstants.PipelineName, InstanceName = registration, TimeProvider = timeProvider };

        // Polly's own events (retries, rate-limiter rejections) go to the same logger factory. Polly 8 meters on its own
        // meter, "Polly"; the retries are counted on AdherenceSync's too.
        // Polly logs every attempt and execution at Information, and each handled attempt and retry at Warning, beside the
        // client's own line for the same event (throttled, retrying): two or three lines per 429. Polly's lines for those
        // events go to Debug, so that each event has one line at its level; its other events keep their severity.
        builder.ConfigureTelemetry(new TelemetryOptions
        {
            LoggerFactory = loggerFactory,
            SeverityProvider = static args => args.Event.EventName is "ExecutionAttempt" or "PipelineExecuting" or "PipelineExecuted" or "OnRetry"
                ? ResilienceEventSeverity.Debug
                : args.Event.Severity,
        });
        if (retry.MaxAttempts > 1)
        {
            var options = new RetryStrategyOptions<AttemptResult>
            {
                // A write may be followed by one query (after an ambiguous outcome) before it is sent again; the limit of
                // MaxAttempts applies to the writes themselves (see ShouldRetry).
                MaxRetryAttempts = (2 * retry.MaxAttempts) - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args, retry, budget)),

                // The server's Retry-After replaces the computed delay. It is not capped by MaxDelay; ShouldHandle
                // has already refused to retry one longer than MaxRetryAfter.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { Reconciliation: Reconciliation.NotFound } ? TimeSpan.Zero : args.Outcome.Result?.RetryAfter.Delay),
                OnRetry = args =>
                {
                    var row = args.Context.Properties.GetValue(ResilienceKeys.Row, null!);
                    row.RetryDelays.Add(args.RetryDelay);
                    var reason = args.Outcome.Result?.Describe() ?? args.Outcome.Exception?.GetType().Name ?? "unknown";
                    var kind = args.Context.Properties.GetValue(ResilienceKeys.Kind, RequestKind.Write);
                    telemetry.Retry(kind);
                    telemetry.Wait(args.Outcome.Result?.RetryAfter.Delay is not null ? "retry_after" : "backoff", args.RetryDelay);
                    Log.Retrying(logger, row.Index, args.Context.Properties.GetValue(ResilienceKeys.Queue, string.Empty), args.AttemptNumber + 1, args.RetryDelay, reason);
                    return default;
                },
            };

            if (randomizer is not null)
            {
                options.Randomizer = randomizer;
            }

            builder.AddRetry(options);
        }

        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = async args =>
            {
                var row = args.Context.Properties.GetValue(ResilienceKeys.Row, null!);
                var sendClass = row is not null && (row.Attempts > 0 || row.Polls > 0) ? SendClass.Resumed : SendClass.Fresh;
                var started = timeProvider.GetTimestamp();
                var lease = await pacing.AcquireAsync(args.Context.Properties.GetValue(ResilienceKeys.Queue, string.Empty), sendClass, args.Context.CancellationToken).ConfigureAwait(false);
                var granted = timeProvider.GetTimestamp();
                telemetry.Wait("permit", timeProvider.GetElapsedTime(started, granted));
                if (row is not null)
                {
                    row.PermitAt = granted;
                    row.PermitGrant = lease.TryGetMetadata(pacing.Client.GrantMetadataName, out var number) ? number as long? : null;
                }

                return lease;
            },
        });

        return builder.Build();
    }

    /// <summary>Retries a transient failure while attempts remain and the retry budget can pay for it.</summary>
    private static bool ShouldRetry(RetryPredicateArguments<AttemptResult> args, RetryOptions retry, RetryBudget budget)
    {
        var row = args.Context.Properties.GetValue(ResilienceKeys.Row, null!);
        var kind = args.Context.Properties.GetValue(ResilienceKeys.Kind, RequestKind.Write);
        if (kind == RequestKind.Query && args.Outcome.Result is { Reconciliation: not Reconciliation.None })
        {
            // A query on its own (settling the last write) is done once it has an answer, whatever it is.
            return false;
        }

        var attemptsMade = kind == RequestKind.Write ? row.Attempts : args.AttemptNumber + 1;
        if (!RetryClassifier.ShouldRetry(args.Outcome, retry.MaxRetryAfter, row.Run.IsHalted) || attemptsMade >= retry.MaxAttempts)
        {
            return false;
        }

        if (args.Outcome.Result is { Reconciliation: Reconciliation.NotFound })
        {
            // The write after a query that found nothing continues the same retry: it was paid for already.
            return true;
        }

        if (!budget.TryWithdraw(args.Outcome.Exception is Polly.Timeout.TimeoutRejectedException, out var cost))
        {
            row.RetryBudgetExhausted = true;
            return false;
        }

        row.RetryCostTaken += cost;
        return true;
    }

    public static ResiliencePipeline CreateAttemptPipeline(RetryOptions retry, TimeProvider timeProvider)
        => new ResiliencePipelineBuilder { Name = ResilienceConstants.PipelineName + ".Attempt", TimeProvider = timeProvider }
            .AddTimeout(retry.AttemptTimeout)
            .Build();
}
