using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Genesys;

/// <content>
/// Settling an ambiguous write once no retry is left: ask the platform whether the row's explanation exists. Found: the
/// row succeeded. Not found: it failed, for sure. No answer: its outcome is unknown, and it is never written blindly again.
/// </content>
internal sealed partial class ExplanationWriter
{
    private async Task<RowResult> SettleAmbiguousAsync(RowAttempt attempt, Outcome<AttemptResult> lastWrite)
    {
        var lastError = attempt.LastWriteError ?? lastWrite.Result?.Describe() ?? lastWrite.Exception?.Message ?? "no answer";
        // A query that already answered (a query job's listing) is the answer; otherwise ask now.
        var query = lastWrite.Result is { Reconciliation: not (Reconciliation.None or Reconciliation.Pending) }
            ? lastWrite
            : await ExecuteAsync(attempt, RequestKind.Query, jobId: null).ConfigureAwait(false);
        if (query.Result is { Reconciliation: Reconciliation.Pending } pending)
        {
            query = await AwaitQueryJobAsync(attempt, pending).ConfigureAwait(false);
        }

        var found = query.Result is { Reconciliation: Reconciliation.Found } ? query.Result : null;
        Log.Reconciled(services.Logger, attempt.Index, attempt.Row.QueueId, query.Result?.Reconciliation.ToString() ?? "Failed");

        if (found is not null)
        {
            services.RetryBudget.OnSuccess(attempt.RetryCostTaken);
            return OutcomeClassifier.Make(attempt, RowOutcome.Succeeded, null, found.Body?.AdherenceExplanation?.Id);
        }

        if (query.Result is { Reconciliation: Reconciliation.NotFound })
        {
            var answeredSuccess = lastWrite.Result is { IsSuccess: true, Reconciliation: Reconciliation.None };
            var gaveUp = attempt.RetryBudgetExhausted
                ? $"retry budget exhausted after {OutcomeClassifier.Attempts(attempt)}; last error: {lastError}"
                : $"gave up after {OutcomeClassifier.Attempts(attempt)}: {lastError}";
            return OutcomeClassifier.Make(attempt, RowOutcome.Failed, answeredSuccess
                ? $"outcome unknown: the platform answered {lastWrite.Result!.Describe()} and a query found no matching explanation"
                : gaveUp);
        }

        var problem = query.Result?.Describe() ?? (query.Exception is { } e ? $"{e.GetType().Name}: {e.Message}" : "no answer");
        return OutcomeClassifier.Make(attempt, RowOutcome.Failed, $"outcome unknown: {lastError}; the query to check it failed: {problem}");
    }
}
