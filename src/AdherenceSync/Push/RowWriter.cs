using System.Runtime.ExceptionServices;
using AdherenceSync.Genesys;
using Polly;

namespace AdherenceSync.Push;

/// <summary>
/// Writes one row (<see cref="RowAttempt"/>), in steps: the write, retried (<see cref="RowPipelines.Write"/>); before any
/// write after an ambiguous one, a check of the platform (<see cref="RowChecker"/>); when the platform answers with a job,
/// its confirmation (<see cref="JobConfirmer"/>); then one outcome (<see cref="OutcomeClassifier"/>). Each request goes
/// through <see cref="RowSender"/>.
/// </summary>
/// <remarks>
/// The queue loop waits for the confirmation before it sends the queue's next row. A job still processing is a write the
/// platform is still applying, and the platform serializes adherence changes: so within one queue the platform is never
/// given two writes at once, rows apply in input order, and at most one job per active queue is polled. Raise
/// <see cref="AdherenceSyncOptions.MaxParallelQueues"/> to keep throughput when the platform answers 202.
/// </remarks>
internal sealed partial class RowWriter
{
    private readonly RowPolicies _policies;
    private readonly RowObservers _observers;
    private readonly RowSender _sender;
    private readonly RowChecker _checker;
    private readonly JobConfirmer _jobs;
    private readonly TimeProvider _time;

    public RowWriter(RowTransport transport, RowPolicies policies, RowObservers observers)
    {
        _policies = policies;
        _observers = observers;
        _time = transport.Time;
        _sender = new RowSender(transport, policies, observers);
        _checker = new RowChecker(_sender, observers, policies.Options.Retry.MaxRetryAfter);
        _jobs = new JobConfirmer(_sender, observers, policies.Options.Retry.MaxRetryAfter, transport.Time, policies.Options.JobPollDelay);
    }

    /// <summary>
    /// Gets a batch that confirms the jobs of a push's queues together by business-unit queries, or
    /// <see langword="null"/> when the business unit is not known (each job is then polled).
    /// </summary>
    public JobListingBatch? NewListingBatch() => _policies.Options.BusinessUnitId is null
        ? null
        : new JobListingBatch(LookupAsync, _time, _policies.Options.JobPollDelay);

    /// <param name="row">The row, with its key and whether an earlier run started it (then it is checked before it is written).</param>
    /// <param name="run">The push.</param>
    public async Task<RowResult> WriteAsync(PlannedRow row, PushRun run)
    {
        var state = RowAttempt.Plan(row, run);
        var write = await _sender.RunAsync(_policies.Pipelines.Write, state, RequestKind.Write, (Writer: this, State: state), static (_, s) => s.Writer.WriteAttemptAsync(s.State)).ConfigureAwait(false);
        switch (state.Stage)
        {
            case RowStage.Found:
                _policies.RetryBudget.OnSuccess(state.RetryCostTaken);
                return state.End(RowOutcome.Succeeded, null, state.LastCheck?.Found?.Id);
            case RowStage.NotApplied when state.LastCheck is { Verdict: Reconciliation.NotFound }:
                // A check showed the last write did not land, and the push halted before it was written again.
                return state.End(RowOutcome.Failed, $"gave up after {OutcomeClassifier.Attempts(state)}: {state.LastWriteError}");
            case RowStage.Unresolved:
                return state.End(RowOutcome.Unknown, $"outcome unknown: {state.LastWriteError}; the query to check it failed: {state.LastCheck?.Problem}");
            case RowStage.InDoubt when !run.IsCancelled:
                // Writes are spent (or no retry was due) and the last one may have landed: check before reporting.
                return await SettleAsync(state, write).ConfigureAwait(false);
        }

        var meaning = AnswerClassifier.Classify(RequestKind.Write, write, state.Unanswered, _policies.Options.Retry.MaxRetryAfter);
        if (meaning.IsAccepted)
        {
            _policies.RetryBudget.OnSuccess(state.RetryCostTaken);
        }

        if (meaning is { Verdict: AnswerVerdict.Pending, JobId: { } jobId })
        {
            return await _jobs.ConfirmAsync(state, jobId, run.Listings).ConfigureAwait(false);
        }

        return OutcomeClassifier.Classify(state, write, _policies.Options.Retry);
    }

    /// <summary>
    /// One attempt of the write step. After an ambiguous write it checks the platform first and writes only if the
    /// explanation is not there: a retry never writes a row twice.
    /// </summary>
    private async ValueTask<Outcome<ApiAnswer>> WriteAttemptAsync(RowAttempt state)
    {
        if (state.InDoubt)
        {
            var check = await _checker.CheckAsync(state).ConfigureAwait(false);
            if (check.Stopped is { } stopped)
            {
                // The push stopped during the check: the write's retry ends as it would in its delay.
                ExceptionDispatchInfo.Throw(stopped);
            }

            if (check.Verdict != Reconciliation.NotFound || state.Run.IsHalted)
            {
                // Found, or no answer: nothing more is written. Not found but halted: nothing more is sent.
                return state.LastAnswer is { } answer ? Outcome.FromResult(answer) : Outcome.FromException<ApiAnswer>(state.LastException ?? new InvalidOperationException(check.Problem ?? "the check gave no answer"));
            }
        }

        // Planned, or not applied: write it (again). A check that found nothing no longer decides the outcome.
        state.ForgetCheck();
        return await _sender.SendAsync(state, RequestKind.Write, jobId: null).ConfigureAwait(false);
    }

    /// <summary>Settles an ambiguous write once no write is left: one more check, and its verdict is the row's outcome.</summary>
    private async Task<RowResult> SettleAsync(RowAttempt state, Outcome<ApiAnswer> lastWrite)
    {
        var lastError = state.LastWriteError ?? lastWrite.Result?.Describe() ?? lastWrite.Exception?.Message ?? "no answer";
        var check = await _checker.CheckAsync(state).ConfigureAwait(false);
        switch (check.Verdict)
        {
            case Reconciliation.Found:
                _policies.RetryBudget.OnSuccess(state.RetryCostTaken);
                return state.End(RowOutcome.Succeeded, null, check.Found?.Id);
            case Reconciliation.NotFound:
                var gaveUp = state.RetryBudgetExhausted
                    ? $"retry budget exhausted after {OutcomeClassifier.Attempts(state)}; last error: {lastError}"
                    : $"gave up after {OutcomeClassifier.Attempts(state)}: {lastError}";
                return AnswerClassifier.Classify(RequestKind.Write, lastWrite, state.Unanswered, _policies.Options.Retry.MaxRetryAfter) is { IsAccepted: true } answered
                    ? state.End(RowOutcome.Unknown, $"outcome unknown: the platform answered {answered.Reason} and a query found no matching explanation")
                    : state.End(RowOutcome.Failed, gaveUp);
            default:
                return state.End(RowOutcome.Unknown, $"outcome unknown: {lastError}; the query to check it failed: {check.Problem}");
        }
    }
}
