using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <content>
/// The check step: ask the platform whether the row's explanation exists, with a retry of its own. Found: the row
/// succeeded. Not found: it may be written again. No answer: its outcome is unknown, and it is never written blindly again.
/// </content>
internal sealed partial class RowWriter
{
    /// <summary>Queries for the row's explanation (or the lookup it carries), and polls a query job to its listing.</summary>
    private async Task<CheckResult> CheckAsync(RowState state)
    {
        var query = await RunAsync(pipelines.Request, state, RequestKind.Query, jobId: null, static (_, s) => s.Writer.SendAsync(s.State, s.Kind, s.JobId)).ConfigureAwait(false);

        var check = query switch
        {
            { Exception: OperationCanceledException stopped } when state.Run.Stop.IsCancellationRequested
                => new CheckResult(Reconciliation.Failed, Problem: Describe(stopped), Stopped: stopped),
            { Exception: { } exception } => CheckResult.Failed(Describe(exception)),
            { Result: not null } when AnswerClassifier.Classify(RequestKind.Query, query, inFlight: false, options.Retry.MaxRetryAfter) is { Verdict: not AnswerVerdict.Applied } refused
                => CheckResult.Failed(refused.Reason),
            { Result: { QueryJobId: { } jobId } } => await AwaitQueryJobAsync(state, jobId).ConfigureAwait(false),
            { Result: { Query: null, BodyProblem: { } problem } } => CheckResult.Failed(problem),
            { Result: var answer } => CheckResult.Of(answer!.Listing, state.Row),
        };

        return check;
    }

    /// <summary>Settles an ambiguous write once no write is left: one more check, and its verdict is the row's outcome.</summary>
    private async Task<RowResult> SettleAsync(RowState state, Outcome<ApiAnswer> lastWrite)
    {
        var lastError = state.LastWriteError ?? lastWrite.Result?.Describe() ?? lastWrite.Exception?.Message ?? "no answer";
        var check = await CheckAsync(state).ConfigureAwait(false);
        state.LastCheck = check;
        Log.Reconciled(logger, state.Index, state.Row.QueueId, check.Verdict.ToString());
        switch (check.Verdict)
        {
            case Reconciliation.Found:
                retryBudget.OnSuccess(state.RetryCostTaken);
                return OutcomeClassifier.Make(state, RowOutcome.Succeeded, null, check.Found?.Id);
            case Reconciliation.NotFound:
                var gaveUp = state.RetryBudgetExhausted
                    ? $"retry budget exhausted after {OutcomeClassifier.Attempts(state)}; last error: {lastError}"
                    : $"gave up after {OutcomeClassifier.Attempts(state)}: {lastError}";
                return AnswerClassifier.Classify(RequestKind.Write, lastWrite, state.InFlight, options.Retry.MaxRetryAfter) is { IsAccepted: true } answered
                    ? OutcomeClassifier.Make(state, RowOutcome.Unknown, $"outcome unknown: the platform answered {answered.Reason} and a query found no matching explanation")
                    : OutcomeClassifier.Make(state, RowOutcome.Failed, gaveUp);
            default:
                return OutcomeClassifier.Make(state, RowOutcome.Unknown, $"outcome unknown: {lastError}; the query to check it failed: {check.Problem}");
        }
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
