using System.Globalization;
using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AdherenceSync.Resilience;

/// <summary>
/// Turns the last outcome of a row's pipeline into its single <see cref="RowResult"/>.
/// </summary>
internal static class OutcomeClassifier
{
    public static RowResult Classify(RowAttempt attempt, Outcome<AttemptResult> outcome, RetryOptions retry)
    {
        if (outcome.Exception is { } exception)
        {
            return FromException(attempt, exception, retry);
        }

        var result = outcome.Result!;
        switch (result.Reconciliation)
        {
            case Reconciliation.Found:
                return FromSuccess(attempt, result);
            case Reconciliation.NotFound:
                // A query showed the last write did not land: the row failed, for sure, with the write's last error.
                return Make(attempt, RowOutcome.Failed, $"gave up after {Attempts(attempt)}: {attempt.LastWriteError}");
            case Reconciliation.Failed:
                return Make(attempt, RowOutcome.Failed, $"outcome unknown: {attempt.LastWriteError}; {result.Describe()}");
        }

        if (result.IsSuccess)
        {
            return FromSuccess(attempt, result);
        }

        if (RetryClassifier.IsAuthFailure(result.StatusCode))
        {
            var reason = AuthFailureReason(result);
            attempt.Run.Halt(reason);
            return Make(attempt, RowOutcome.Failed, $"{reason}; the push halted");
        }

        if (result.StatusCode is >= 300 and < 400)
        {
            return Make(attempt, RowOutcome.Failed,
                $"HTTP {result.StatusCode}: redirected to {result.Location?.ToString() ?? "(no location)"}; redirects are not followed, so the token never goes to another host");
        }

        if (RetryClassifier.IsRejection(result.StatusCode))
        {
            return Make(attempt, RowOutcome.Rejected, result.Describe());
        }

        if (attempt.RetryBudgetExhausted)
        {
            return Make(attempt, RowOutcome.Failed, $"retry budget exhausted after {Attempts(attempt)}; last error: {result.Describe()}");
        }

        if (RetryClassifier.ExceedsMaxRetryAfter(result, retry.MaxRetryAfter))
        {
            return Make(attempt, RowOutcome.Failed, string.Create(CultureInfo.InvariantCulture,
                $"{result.Describe()}; the server asked to wait {result.RetryAfter} ({result.RetryAfter.Delay!.Value.TotalSeconds:F0} s), longer than MaxRetryAfter ({retry.MaxRetryAfter.TotalSeconds:F0} s); not retried"));
        }

        return Make(attempt, RowOutcome.Failed, $"gave up after {Attempts(attempt)}: {result.Describe()}");
    }

    /// <summary>The error of a row whose job ended in <c>Error</c>.</summary>
    public static string JobFailed(string? jobId, ExplanationJob job) => $"job {jobId} ended in Error: {job.Error?.ToString() ?? "(no message)"}";

    public static string AuthFailureReason(AttemptResult result) => $"{result.Describe()}: the credentials were refused";

    private static RowResult FromSuccess(RowAttempt attempt, AttemptResult result)
    {
        var explanation = result.Body?.AdherenceExplanation ?? result.Body?.Job?.AdherenceExplanation;
        var job = result.Body?.Job;
        if (job is { Status: JobConstants.Error })
        {
            return Make(attempt, RowOutcome.Rejected, JobFailed(job.Id, job), jobId: job.Id);
        }

        if (result.IsPending)
        {
            return Make(attempt, RowOutcome.Failed,
                $"not confirmed: the platform accepted job {job?.Id ?? "(no id)"} (HTTP {result.StatusCode}) and its outcome was not checked", jobId: job?.Id);
        }

        return Make(attempt, RowOutcome.Succeeded, null, explanation?.Id, job?.Id);
    }

    private static RowResult FromException(RowAttempt attempt, Exception exception, RetryOptions retry)
    {
        var run = attempt.Run;
        var last = attempt.LastResult?.Describe() ?? attempt.LastException?.Message;
        if (exception is AccessTokenException { CredentialsRejected: true } refused)
        {
            run.Halt(refused.Message);
        }
        else if (exception is AccessTokenException signIn)
        {
            // Signing in still failed after this row's retries: the token is shared, so every other row would too.
            run.Halt($"could not sign in: {signIn.Message}");
        }
        else if (exception is Pacing.SharedBudgetUnavailableException unavailable)
        {
            run.Halt(unavailable.Message);
        }

        return exception switch
        {
            RateLimiterRejectedException rejected when attempt.Attempts == 0 => Make(attempt, RowOutcome.NotAttempted, PausedBudget(rejected, retry)),
            RateLimiterRejectedException rejected => Make(attempt, RowOutcome.Failed, $"{PausedBudget(rejected, retry)}; last error: {last}"),
            OperationCanceledException when attempt.InFlight && run.IsCancelled =>
                Make(attempt, RowOutcome.Failed, "outcome unknown: cancelled while the request was in flight"),
            OperationCanceledException when attempt.Attempts == 0 && (run.IsCancelled || run.IsHalted) =>
                Make(attempt, RowOutcome.NotAttempted, run.NotSentReason),
            // Waiting to retry: if no earlier write may have landed (429s, refusals), nothing was applied, so the row is
            // not attempted and a resume sends it; if one may have, only the platform knows.
            OperationCanceledException when run.IsCancelled && !attempt.NeedsReconciliation =>
                Make(attempt, RowOutcome.NotAttempted, $"cancelled before the next retry, nothing applied; last error: {last}"),
            OperationCanceledException when run.IsHalted && !attempt.NeedsReconciliation =>
                Make(attempt, RowOutcome.NotAttempted, $"the push halted before the next retry ({run.HaltReason}), nothing applied; last error: {last}"),
            OperationCanceledException when run.IsCancelled =>
                Make(attempt, RowOutcome.Failed, $"outcome unknown: cancelled before the next retry, after a write that may have landed; last error: {last}"),
            OperationCanceledException when run.IsHalted =>
                Make(attempt, RowOutcome.Failed, $"outcome unknown: the push halted ({run.HaltReason}) before the next retry, after a write that may have landed; last error: {last}"),
            AccessTokenException when attempt.Attempts == 0 && run.IsHalted => Make(attempt, RowOutcome.NotAttempted, run.NotSentReason),
            Pacing.SharedBudgetUnavailableException when attempt.Attempts == 0 => Make(attempt, RowOutcome.NotAttempted, run.NotSentReason),
            Pacing.SharedBudgetUnavailableException unavailable => Make(attempt, RowOutcome.Failed, $"{unavailable.Message}; last error: {last}"),
            AccessTokenException token => Make(attempt, RowOutcome.Failed, $"gave up: could not sign in: {token.Message}"),
            _ when attempt.RetryBudgetExhausted => Make(attempt, RowOutcome.Failed,
                $"retry budget exhausted after {Attempts(attempt)}; last error: {exception.GetType().Name}: {exception.Message}"),
            TimeoutRejectedException => Make(attempt, RowOutcome.Failed,
                $"gave up after {Attempts(attempt)}: no answer within the attempt timeout ({retry.AttemptTimeout.TotalSeconds:0.###} s)"),
            _ => Make(attempt, RowOutcome.Failed, $"gave up after {Attempts(attempt)}: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static string PausedBudget(RateLimiterRejectedException rejected, RetryOptions retry)
        => string.Create(CultureInfo.InvariantCulture,
            $"not sent: the budget is paused for {rejected.RetryAfter?.TotalSeconds ?? 0:F0} s by the server's Retry-After, longer than MaxRetryAfter ({retry.MaxRetryAfter.TotalSeconds:F0} s)");

    internal static string Attempts(RowAttempt attempt) => attempt.Attempts == 1 ? "1 attempt" : $"{attempt.Attempts} attempts";

    internal static RowResult Make(RowAttempt attempt, RowOutcome outcome, string? error, string? explanationId = null, string? jobId = null) => new()
    {
        Index = attempt.Index,
        Row = attempt.Row,
        Outcome = outcome,
        Attempts = attempt.Attempts,
        HttpStatus = attempt.LastOwnStatus,
        Error = error,
        ExplanationId = explanationId,
        ExplanationIdMissingReason = outcome == RowOutcome.Succeeded && explanationId is null ? MissingIdReason(attempt, jobId) : null,
        JobId = jobId,
    };

    /// <summary>Why a succeeded row has no explanation id, in the words the report gives.</summary>
    internal static string MissingIdReason(RowAttempt attempt, string? jobId) => attempt.LastOwnStatus switch
    {
        200 when jobId is not null => $"the platform answered 200 with job {jobId} only; a 200's job carries no explanation id and cannot be polled",
        200 => "the platform answered 200 without an explanation id",
        _ => "the platform confirmed the write without giving its explanation id",
    };
}
