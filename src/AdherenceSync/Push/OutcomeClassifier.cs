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
    public static RowResult Classify(RowAttempt state, Outcome<ApiAnswer> outcome, RetryOptions retry)
    {
        var meaning = AnswerClassifier.Classify(RequestKind.Write, outcome, state.Unanswered, retry.MaxRetryAfter);
        if (outcome.Exception is { } exception)
        {
            return FromException(state, exception, meaning, retry);
        }

        switch (meaning.Verdict)
        {
            case AnswerVerdict.Applied:
                return state.End(RowOutcome.Succeeded, null, meaning.ExplanationId, meaning.JobId);
            case AnswerVerdict.Pending:
                return state.End(RowOutcome.Unknown, $"not confirmed: {meaning.Reason} and its outcome was not checked", jobId: meaning.JobId);
            case AnswerVerdict.Unknown:
                return state.End(RowOutcome.Unknown, $"outcome unknown: the platform answered {meaning.Reason} without the job or explanation it applied");
            case AnswerVerdict.Rejected:
                return state.End(RowOutcome.Rejected, meaning.Reason, jobId: meaning.JobId);
            case AnswerVerdict.Halt:
                // The answer halted the push already (RowSender).
                return state.End(RowOutcome.Failed, $"{meaning.Reason}; the push halted");
            case AnswerVerdict.Retryable when state.RetryBudgetExhausted:
                return state.End(RowOutcome.Failed, $"retry budget exhausted after {Attempts(state)}; last error: {meaning.Reason}");
            case AnswerVerdict.Retryable:
                return state.End(RowOutcome.Failed, $"gave up after {Attempts(state)}: {meaning.Reason}");
            default:
                return state.End(RowOutcome.Failed, meaning.Reason);
        }
    }

    private static RowResult FromException(RowAttempt state, Exception exception, AnswerMeaning meaning, RetryOptions retry)
    {
        var run = state.Run;
        var last = state.LastAnswer?.Describe() ?? state.LastException?.Message;
        // Refused credentials; signing in still failing after this row's retries (the token is shared, so every other
        // row would fail too); a shared budget that is gone.
        run.Halt(PushHalt.From(meaning, exception));

        return exception switch
        {
            // The client itself failed after a write left (its answer not yet taken in, or taken in as accepted): only the
            // platform knows whether the row was applied.
            _ when state.Stage is RowStage.Writing or RowStage.Accepted or RowStage.AwaitingJob => state.End(RowOutcome.Unknown,
                $"outcome unknown: internal error after the write left: {exception.GetType().Name}: {exception.Message}"),
            RateLimiterRejectedException rejected when state.Writes == 0 => state.End(RowOutcome.NotAttempted, PausedBudget(rejected, retry)),
            RateLimiterRejectedException rejected => state.End(RowOutcome.Failed, $"{PausedBudget(rejected, retry)}; last error: {last}"),
            OperationCanceledException when state.Unanswered && run.IsCancelled =>
                state.End(RowOutcome.Unknown, "outcome unknown: cancelled while the request was in flight"),
            OperationCanceledException when state.Writes == 0 && (run.IsCancelled || run.IsHalted) =>
                state.End(RowOutcome.NotAttempted, run.NotSentReason),
            // Waiting to retry: if no earlier write may have landed (429s, refusals), nothing was applied, so the row is
            // not attempted and a resume sends it; if one may have, only the platform knows.
            OperationCanceledException when run.IsCancelled && !state.InDoubt =>
                state.End(RowOutcome.NotAttempted, $"cancelled before the next retry, nothing applied; last error: {last}"),
            OperationCanceledException when run.IsHalted && !state.InDoubt =>
                state.End(RowOutcome.NotAttempted, $"the push halted before the next retry ({run.HaltReason}), nothing applied; last error: {last}"),
            OperationCanceledException when run.IsCancelled =>
                state.End(RowOutcome.Unknown, $"outcome unknown: cancelled before the next retry, after a write that may have landed; last error: {last}"),
            OperationCanceledException when run.IsHalted =>
                state.End(RowOutcome.Unknown, $"outcome unknown: the push halted ({run.HaltReason}) before the next retry, after a write that may have landed; last error: {last}"),
            // Nothing left and the push halted (credentials, a lost shared budget, a checkpoint that cannot record): the row
            // was not sent.
            _ when state.Writes == 0 && run.IsHalted => state.End(RowOutcome.NotAttempted, run.NotSentReason),
            Pacing.SharedBudgetUnavailableException unavailable => state.End(RowOutcome.Failed, $"{unavailable.Message}; last error: {last}"),
            AccessTokenException token => state.End(RowOutcome.Failed, $"gave up: could not sign in: {token.Message}"),
            _ when state.RetryBudgetExhausted => state.End(RowOutcome.Failed,
                $"retry budget exhausted after {Attempts(state)}; last error: {exception.GetType().Name}: {exception.Message}"),
            TimeoutRejectedException => state.End(RowOutcome.Failed,
                $"gave up after {Attempts(state)}: no answer within the attempt timeout ({retry.AttemptTimeout.TotalSeconds:0.###} s)"),
            _ => state.End(RowOutcome.Failed, $"gave up after {Attempts(state)}: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static string PausedBudget(RateLimiterRejectedException rejected, RetryOptions retry)
        => string.Create(CultureInfo.InvariantCulture,
            $"not sent: the budget is paused for {rejected.RetryAfter?.TotalSeconds ?? 0:F0} s by the server's Retry-After, longer than MaxRetryAfter ({retry.MaxRetryAfter.TotalSeconds:F0} s)");

    internal static string Attempts(RowAttempt state) => state.Writes == 1 ? "1 attempt" : $"{state.Writes} attempts";
}
