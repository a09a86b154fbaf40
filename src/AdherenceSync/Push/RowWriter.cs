using AdherenceSync.Genesys;
using AdherenceSync.Pacing;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Push;

/// <summary>
/// Writes one row, in steps: the write, retried (<see cref="RowPipelines.Write"/>); before any write after an ambiguous
/// one, a check of the platform, retried on its own (<see cref="RowPipelines.Request"/>); when the platform answers with a
/// job, polls to its end; then one outcome (<see cref="OutcomeClassifier"/>).
/// </summary>
/// <remarks>
/// The queue loop waits for the confirmation before it sends the queue's next row. A job still processing is a write the
/// platform is still applying, and the platform serializes adherence changes: so within one queue the platform is never
/// given two writes at once, rows apply in input order, and at most one job per active queue is polled. Raise
/// <see cref="AdherenceSyncOptions.MaxParallelQueues"/> to keep throughput when the platform answers 202.
/// </remarks>
internal sealed partial class RowWriter(
    HttpClient api,
    Func<HttpClient> plainHttp,
    RowPipelines pipelines,
    ClientPacing pacing,
    RetryBudget retryBudget,
    AdherenceSyncOptions options,
    ClientTelemetry telemetry,
    ILogger logger,
    TimeProvider timeProvider,
    string checkpointTarget)
{
    /// <param name="index">The row's position in the input.</param>
    /// <param name="row">The row.</param>
    /// <param name="run">The push.</param>
    /// <param name="startedEarlier">An earlier run started this row and did not see it through: check before writing.</param>
    public async Task<RowResult> WriteAsync(int index, AdherenceRow row, PushRun run, bool startedEarlier = false)
    {
        var state = new RowState
        {
            Index = index,
            Row = row,
            Path = GenesysPaths.Explanations(row.AgentId),
            Body = row.ToRequestBody().ToUtf8Json(),
            Run = run,
            InDoubt = startedEarlier,
            LastWriteError = startedEarlier ? "an earlier run was interrupted after it started this row" : null,
        };

        var write = await WriteStepAsync(state).ConfigureAwait(false);
        switch (state.LastCheck)
        {
            case { Verdict: Reconciliation.Found, Found: var found }:
                retryBudget.OnSuccess(state.RetryCostTaken);
                return OutcomeClassifier.Make(state, RowOutcome.Succeeded, null, found?.Id);
            case { Verdict: Reconciliation.NotFound }:
                // A check showed the last write did not land, and the push halted before it was written again.
                return OutcomeClassifier.Make(state, RowOutcome.Failed, $"gave up after {OutcomeClassifier.Attempts(state)}: {state.LastWriteError}");
            case { Verdict: Reconciliation.Failed, Problem: var problem }:
                return OutcomeClassifier.Make(state, RowOutcome.Unknown, $"outcome unknown: {state.LastWriteError}; the query to check it failed: {problem}");
        }

        if (state.InDoubt && !run.IsCancelled)
        {
            // Writes are spent (or no retry was due) and the last one may have landed: check before reporting.
            return await SettleAsync(state, write).ConfigureAwait(false);
        }

        var meaning = AnswerClassifier.Classify(RequestKind.Write, write, state.InFlight, options.Retry.MaxRetryAfter);
        if (meaning.IsAccepted)
        {
            retryBudget.OnSuccess(state.RetryCostTaken);
        }

        if (meaning is { Verdict: AnswerVerdict.Pending, JobId: { } jobId })
        {
            return await ConfirmJobAsync(state, jobId).ConfigureAwait(false);
        }

        return OutcomeClassifier.Classify(state, write, options.Retry);
    }
}
