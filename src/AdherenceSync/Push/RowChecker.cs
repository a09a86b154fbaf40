using AdherenceSync.Telemetry;

namespace AdherenceSync.Push;

/// <summary>
/// The check step: asks the platform whether the row's explanation exists, with a retry of its own, and polls a query
/// answered as a job to its listing. Found: the row succeeded. Not found: it may be written again. No answer: its outcome
/// is unknown, and it is never written blindly again. The row moves Checking → Found, NotApplied or Unresolved.
/// </summary>
internal sealed partial class RowChecker(RowSender sender, RowObservers observers, TimeSpan maxRetryAfter)
{
    /// <summary>Queries for the row's explanation (or the lookup it carries), and polls a query job to its listing.</summary>
    public async Task<CheckResult> CheckAsync(RowAttempt state)
    {
        state.BeginCheck();
        var query = await sender.QueryAsync(state).ConfigureAwait(false);

        var check = query switch
        {
            { Exception: OperationCanceledException stopped } when state.Run.Stop.IsCancellationRequested
                => new CheckResult(Reconciliation.Failed, Problem: Describe(stopped), Stopped: stopped),
            { Exception: { } exception } => CheckResult.Failed(Describe(exception)),
            { Result: not null } when AnswerClassifier.Classify(RequestKind.Query, query, inFlight: false, maxRetryAfter) is { Verdict: not AnswerVerdict.Applied } refused
                => CheckResult.Failed(refused.Reason),
            { Result: { QueryJobId: { } jobId } } => await AwaitQueryJobAsync(state, jobId).ConfigureAwait(false),
            { Result: { Query: null, BodyProblem: { } problem } } => CheckResult.Failed(problem),
            { Result: var answer } => CheckResult.Of(answer!.Listing, state.Row),
        };

        state.Checked(check);
        Log.Reconciled(observers.Logger, state.Index, state.Row.QueueId, check.Verdict.ToString());
        return check;
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
