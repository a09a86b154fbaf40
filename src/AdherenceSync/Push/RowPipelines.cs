using AdherenceSync.Genesys;
using AdherenceSync.Pacing;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Telemetry;

namespace AdherenceSync.Push;

/// <summary>
/// The pipelines a row's requests go through, for one client's lifetime.
/// </summary>
/// <remarks>
/// <para>
/// A write and the check of an ambiguous one are separate steps, each with its own retry (<see cref="RetryStrategy"/>,
/// at most <see cref="RetryOptions.MaxAttempts"/> attempts each): <see cref="Write"/> retries writes,
/// <see cref="Request"/> retries queries and polls. Both run on the push's stop token, so a halt ends their waits at once.
/// </para>
/// <para>
/// Every request takes a permit of its own, inside its retry (<see cref="Permit"/>): every attempt costs budget on the
/// server. <see cref="Attempt"/> is the per-attempt timeout, run on the caller's token only: a halt caused by another
/// queue never aborts a request that is already on the wire, so its outcome stays known.
/// </para>
/// </remarks>
internal sealed class RowPipelines
{
    private readonly RetryOptions _retry;
    private readonly RetryBudget _budget;
    private readonly ClientTelemetry _telemetry;
    private readonly ILogger _logger;

    public RowPipelines(
        RetryOptions retry, ClientPacing pacing, RetryBudget budget, TimeProvider timeProvider, ILogger logger, ClientTelemetry telemetry, ILoggerFactory loggerFactory, string registration, Func<double>? randomizer = null)
    {
        _retry = retry;
        _budget = budget;
        _telemetry = telemetry;
        _logger = logger;
        Write = Retrying(ShouldRetryWrite, timeProvider, loggerFactory, registration, randomizer);
        Request = Retrying(ShouldRetryRequest, timeProvider, loggerFactory, registration, randomizer);
        Permit = Builder<ApiAnswer>(timeProvider, loggerFactory, registration)
            .AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => AcquireAsync(args, pacing, timeProvider) })
            .Build();
        Attempt = new ResiliencePipelineBuilder { Name = ResilienceConstants.PipelineName + ".Attempt", TimeProvider = timeProvider }
            .AddTimeout(retry.AttemptTimeout)
            .Build();
    }

    /// <summary>Gets the retry of a row's writes.</summary>
    public ResiliencePipeline<ApiAnswer> Write { get; }

    /// <summary>Gets the retry of a check's queries and of job polls.</summary>
    public ResiliencePipeline<ApiAnswer> Request { get; }

    /// <summary>Gets the pacing permit of one request.</summary>
    public ResiliencePipeline<ApiAnswer> Permit { get; }

    /// <summary>Gets the per-attempt timeout.</summary>
    public ResiliencePipeline Attempt { get; }

    private ResiliencePipeline<ApiAnswer> Retrying(
        Func<RetryPredicateArguments<ApiAnswer>, ValueTask<bool>> shouldRetry, TimeProvider timeProvider, ILoggerFactory loggerFactory, string registration, Func<double>? randomizer)
    {
        var builder = Builder<ApiAnswer>(timeProvider, loggerFactory, registration);
        if (RetryStrategy.Create(_retry, shouldRetry, OnRetry, randomizer) is { } retry)
        {
            builder.AddRetry(retry);
        }

        return builder.Build();
    }

    /// <summary>
    /// A builder whose Polly telemetry names its source "AdherenceSync/&lt;registration&gt;/&lt;strategy&gt;", so that a
    /// line says which organisation.
    /// </summary>
    private static ResiliencePipelineBuilder<T> Builder<T>(TimeProvider timeProvider, ILoggerFactory loggerFactory, string registration)
    {
        var builder = new ResiliencePipelineBuilder<T> { Name = ResilienceConstants.PipelineName, InstanceName = registration, TimeProvider = timeProvider };

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
        return builder;
    }

    private ValueTask OnRetry(OnRetryArguments<ApiAnswer> args)
    {
        var row = args.Context.Properties.GetValue(RowContextKeys.Row, null!);
        row.Waited(args.RetryDelay);
        var reason = args.Outcome.Result?.Describe() ?? args.Outcome.Exception?.GetType().Name ?? "unknown";
        var kind = args.Context.Properties.GetValue(RowContextKeys.Kind, RequestKind.Write);
        _telemetry.Retry(kind.Endpoint());
        _telemetry.Wait(args.Outcome.Result?.RetryAfter.Delay is not null ? "retry_after" : "backoff", args.RetryDelay);
        Log.Retrying(_logger, row.Index, args.Context.Properties.GetValue(RowContextKeys.Queue, string.Empty), args.AttemptNumber + 1, args.RetryDelay, reason);
        return default;
    }

    /// <summary>
    /// Retries a write while writes remain and the retry budget can pay for it. A retry after an ambiguous write checks the
    /// platform first; once that check has answered found, or gave no answer, nothing more is written.
    /// </summary>
    private ValueTask<bool> ShouldRetryWrite(RetryPredicateArguments<ApiAnswer> args)
    {
        var row = args.Context.Properties.GetValue(RowContextKeys.Row, null!);
        return ValueTask.FromResult(row.Stage is not (RowStage.Found or RowStage.Unresolved)
               && row.Writes < _retry.MaxAttempts
               && ShouldRetry(args, row));
    }

    /// <summary>Retries a query or a poll while its attempts remain and the retry budget can pay for it.</summary>
    private ValueTask<bool> ShouldRetryRequest(RetryPredicateArguments<ApiAnswer> args)
        => ValueTask.FromResult(args.AttemptNumber + 1 < _retry.MaxAttempts && ShouldRetry(args, args.Context.Properties.GetValue(RowContextKeys.Row, null!)));

    private bool ShouldRetry(RetryPredicateArguments<ApiAnswer> args, RowAttempt row)
    {
        var kind = args.Context.Properties.GetValue(RowContextKeys.Kind, RequestKind.Write);
        if (row.Run.IsHalted || !AnswerClassifier.Classify(kind, args.Outcome, inFlight: false, _retry.MaxRetryAfter).IsRetryable)
        {
            return false;
        }

        if (!_budget.TryWithdraw(args.Outcome.Exception is Polly.Timeout.TimeoutRejectedException, out var cost))
        {
            row.RetryRefused();
            return false;
        }

        row.RetryPaid(cost);
        return true;
    }

    private async ValueTask<System.Threading.RateLimiting.RateLimitLease> AcquireAsync(RateLimiterArguments args, ClientPacing pacing, TimeProvider timeProvider)
    {
        var row = args.Context.Properties.GetValue(RowContextKeys.Row, null!);
        var sendClass = row is not null && (row.Writes > 0 || row.Polls > 0) ? SendClass.FollowUp : SendClass.FirstRequest;
        var started = timeProvider.GetTimestamp();
        var permit = await pacing.AcquireAsync(args.Context.Properties.GetValue(RowContextKeys.Queue, string.Empty), sendClass, args.Context.CancellationToken).ConfigureAwait(false);
        var granted = timeProvider.GetTimestamp();
        _telemetry.Wait("permit", timeProvider.GetElapsedTime(started, granted));
        row?.Granted(granted, permit.Grant);
        return permit.Lease;
    }
}
