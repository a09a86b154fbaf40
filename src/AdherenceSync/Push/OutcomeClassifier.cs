using System.Globalization;
using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AdherenceSync.Push;

/// <summary>
/// Turns the last outcome of a row's writes, as <see cref="AnswerClassifier"/> reads it, into its single
/// <see cref="RowResult"/>, with the push's state (cancelled, halted, in doubt) and the words of the report.
/// </summary>
internal static class OutcomeClassifier
{
    /// <summary>The result of a row whose last write is <paramref name="outcome"/>, as <see cref="AnswerClassifier"/> reads it.</summary>
    public static RowResult Classify(RowState state, Outcome<ApiAnswer> outcome, RetryOptions retry)
    {
        var meaning = AnswerClassifier.Classify(RequestKind.Write, outcome, state.InFlight, retry.MaxRetryAfter);
        if (outcome.Exception is { } exception)
        {
            return FromException(state, exception, meaning, retry);
        }

        switch (meaning.Verdict)
        {
            case AnswerVerdict.Applied:
                return Make(state, RowOutcome.Succeeded, null, meaning.ExplanationId, meaning.JobId);
            case AnswerVerdict.Pending:
                return Make(state, RowOutcome.Unknown, $"not confirmed: {meaning.Reason} and its outcome was not checked", jobId: meaning.JobId);
            case AnswerVerdict.Unknown:
                return Make(state, RowOutcome.Unknown, $"outcome unknown: the platform answered {meaning.Reason} without the job or explanation it applied");
            case AnswerVerdict.Rejected:
                return Make(state, RowOutcome.Rejected, meaning.Reason, jobId: meaning.JobId);
            case AnswerVerdict.Halt:
                state.Run.Halt(PushHalt.From(meaning));
                return Make(state, RowOutcome.Failed, $"{meaning.Reason}; the push halted");
            case AnswerVerdict.Retryable when state.RetryBudgetExhausted:
                return Make(state, RowOutcome.Failed, $"retry budget exhausted after {Attempts(state)}; last error: {meaning.Reason}");
            case AnswerVerdict.Retryable:
                return Make(state, RowOutcome.Failed, $"gave up after {Attempts(state)}: {meaning.Reason}");
            default:
                return Make(state, RowOutcome.Failed, meaning.Reason);
        }
    }

    private static RowResult FromException(RowState state, Exception exception, AnswerMeaning meaning, RetryOptions retry)
    {
        var run = state.Run;
        var last = state.LastAnswer?.Describe() ?? state.LastException?.Message;
        // Refused credentials; signing in still failing after this row's retries (the token is shared, so every other
        // row would fail too); a shared budget that is gone.
        run.Halt(PushHalt.From(meaning, exception));

        return exception switch
        {
            RateLimiterRejectedException rejected when state.Writes == 0 => Make(state, RowOutcome.NotAttempted, PausedBudget(rejected, retry)),
            RateLimiterRejectedException rejected => Make(state, RowOutcome.Failed, $"{PausedBudget(rejected, retry)}; last error: {last}"),
            OperationCanceledException when state.InFlight && run.IsCancelled =>
                Make(state, RowOutcome.Unknown, "outcome unknown: cancelled while the request was in flight"),
            OperationCanceledException when state.Writes == 0 && (run.IsCancelled || run.IsHalted) =>
                Make(state, RowOutcome.NotAttempted, run.NotSentReason),
            // Waiting to retry: if no earlier write may have landed (429s, refusals), nothing was applied, so the row is
            // not attempted and a resume sends it; if one may have, only the platform knows.
            OperationCanceledException when run.IsCancelled && !state.InDoubt =>
                Make(state, RowOutcome.NotAttempted, $"cancelled before the next retry, nothing applied; last error: {last}"),
            OperationCanceledException when run.IsHalted && !state.InDoubt =>
                Make(state, RowOutcome.NotAttempted, $"the push halted before the next retry ({run.HaltReason}), nothing applied; last error: {last}"),
            OperationCanceledException when run.IsCancelled =>
                Make(state, RowOutcome.Unknown, $"outcome unknown: cancelled before the next retry, after a write that may have landed; last error: {last}"),
            OperationCanceledException when run.IsHalted =>
                Make(state, RowOutcome.Unknown, $"outcome unknown: the push halted ({run.HaltReason}) before the next retry, after a write that may have landed; last error: {last}"),
            AccessTokenException when state.Writes == 0 && run.IsHalted => Make(state, RowOutcome.NotAttempted, run.NotSentReason),
            Pacing.SharedBudgetUnavailableException when state.Writes == 0 => Make(state, RowOutcome.NotAttempted, run.NotSentReason),
            Pacing.SharedBudgetUnavailableException unavailable => Make(state, RowOutcome.Failed, $"{unavailable.Message}; last error: {last}"),
            AccessTokenException token => Make(state, RowOutcome.Failed, $"gave up: could not sign in: {token.Message}"),
            _ when state.RetryBudgetExhausted => Make(state, RowOutcome.Failed,
                $"retry budget exhausted after {Attempts(state)}; last error: {exception.GetType().Name}: {exception.Message}"),
            TimeoutRejectedException => Make(state, RowOutcome.Failed,
                $"gave up after {Attempts(state)}: no answer within the attempt timeout ({retry.AttemptTimeout.TotalSeconds:0.###} s)"),
            _ => Make(state, RowOutcome.Failed, $"gave up after {Attempts(state)}: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static string PausedBudget(RateLimiterRejectedException rejected, RetryOptions retry)
        => string.Create(CultureInfo.InvariantCulture,
            $"not sent: the budget is paused for {rejected.RetryAfter?.TotalSeconds ?? 0:F0} s by the server's Retry-After, longer than MaxRetryAfter ({retry.MaxRetryAfter.TotalSeconds:F0} s)");

    internal static string Attempts(RowState state) => state.Writes == 1 ? "1 attempt" : $"{state.Writes} attempts";

    internal static RowResult Make(RowState state, RowOutcome outcome, string? error, string? explanationId = null, string? jobId = null) => new()
    {
        Index = state.Index,
        Row = state.Row,
        Outcome = outcome,
        Attempts = state.Writes,
        HttpStatus = state.LastOwnStatus,
        Error = error,
        ExplanationId = explanationId,
        ExplanationIdMissingReason = outcome == RowOutcome.Succeeded && explanationId is null ? MissingIdReason(state, jobId) : null,
        JobId = jobId,
    };

    /// <summary>Why a succeeded row has no explanation id, in the words the report gives.</summary>
    internal static string MissingIdReason(RowState state, string? jobId) => state.LastOwnStatus switch
    {
        200 when jobId is not null => $"the platform answered 200 with job {jobId} only; a 200's job carries no explanation id and cannot be polled",
        200 => "the platform answered 200 without an explanation id",
        _ => "the platform confirmed the write without giving its explanation id",
    };
}
