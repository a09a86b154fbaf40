using System.Diagnostics;
using AdherenceSync.Authentication;
using AdherenceSync.Checkpoints;
using AdherenceSync.Genesys;
using AdherenceSync.Resilience;
using AdherenceSync.Reporting;
using AdherenceSync.Telemetry;
using AdherenceSync.Validation;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Push;

/// <summary>
/// Runs one push: validate everything, plan per-queue batches, drain each queue with one sequential loop, and account
/// every row. Pacing's parallel-queue slots let at most <see cref="AdherenceSyncOptions.MaxParallelQueues"/> queues have a
/// request in flight at once.
/// </summary>
/// <remarks>
/// One loop per queue is what keeps two requests of a queue from ever being in flight together; there is no lock
/// around a shared send path. Queues take turns at the slots, so a queue held back by its own budget or a retry delay
/// never holds the others up.
/// </remarks>
internal sealed partial class PushEngine(
    RowWriter writer, IAccessTokenSource tokens, AdherenceSyncOptions clientOptions, ClientTelemetry telemetry, ILogger logger, TimeProvider timeProvider, string name, string checkpointTarget)
{

    public async Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> input, PushOptions options, CancellationToken cancellationToken)
    {
        using var activity = AdherenceSyncActivity.Source.StartActivity(TelemetryNames.PushSpan);
        activity?.SetTag(TelemetryNames.ClientTag, name);
        var started = timeProvider.GetTimestamp();
        var (rows, keys, readCancelled) = await ReadAndValidateAsync(input, clientOptions.MaxRowsPerPush, cancellationToken).ConfigureAwait(false);

        using var run = NewRun(options, cancellationToken);
        activity?.SetTag(TelemetryNames.RowCountTag, rows.Count);
        var collector = new ReportCollector(
            rows, timeProvider, started, options.Progress, e => Log.ProgressHandlerFailed(logger, e), telemetry);
        var checkpoint = await CheckpointView.LoadAsync(options.Checkpoint, checkpointTarget, options.AllowCheckpointFromAnotherTarget, cancellationToken).ConfigureAwait(false);

        // Each row is looked up in the checkpoint once, here: done, it ends now and is not planned; started by an
        // earlier run, it is planned to be asked about before it is written.
        var planned = new List<PlannedRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (done, startedEarlier) = checkpoint?.Look(i, rows[i], keys[i]) ?? default;
            if (done is not null)
            {
                collector.Record(done);
            }
            else
            {
                planned.Add(new PlannedRow(i, rows[i], keys[i], startedEarlier));
            }
        }

        if (readCancelled)
        {
            collector.MarkRemaining(RowOutcome.NotAttempted, "cancelled before it was sent");
            return await collector.BuildAsync(cancelled: true, haltReason: null).ConfigureAwait(false);
        }

        if (!await SignInAsync(run).ConfigureAwait(false))
        {
            collector.MarkRemaining(RowOutcome.NotAttempted, run.NotSentReason);
            return Finish(await collector.BuildAsync(run.IsCancelled, run.HaltReason).ConfigureAwait(false), run, activity);
        }

        var plan = BatchPlanner.Plan(planned, clientOptions.BatchSize);
        var batches = plan.Sum(q => q.Batches.Count);
        activity?.SetTag(TelemetryNames.QueueCountTag, plan.Count);
        activity?.SetTag(TelemetryNames.BatchCountTag, batches);
        Log.PushStarting(logger, TelemetryNames.Registration(name), rows.Count, plan.Count, batches, clientOptions.MaxParallelQueues);

        var settled = await LookUpRowsInDoubtAsync(planned, run).ConfigureAwait(false);

        // Every queue gets its own sequential loop; the parallel-queue slots bound how many have a request in flight at once.
        await Task.WhenAll(plan.Select(queue => DrainQueueAsync(queue, run, collector, settled))).ConfigureAwait(false);

        var report = await ResolveExplanationIdsAsync(await collector.BuildAsync(run.IsCancelled, run.HaltReason).ConfigureAwait(false), run).ConfigureAwait(false);
        return Finish(report, run, activity);
    }

    private PushReport Finish(PushReport report, PushRun run, Activity? activity)
    {
        report.Throttled = run.Throttled;
        report.UnexplainedThrottles = run.UnexplainedThrottles;
        report.JobPolls = run.JobPolls;
        report.BusinessUnitWouldSave = run.BusinessUnitWouldSave;
        if (report.BusinessUnitWouldSave > 0)
        {
            Log.BusinessUnitWouldSave(logger, report.JobPolls, report.BusinessUnitWouldSave);
        }
        if (activity is not null)
        {
            activity.SetTag(TelemetryNames.SucceededCountTag, report.Succeeded);
            activity.SetTag(TelemetryNames.RejectedCountTag, report.Rejected);
            activity.SetTag(TelemetryNames.FailedCountTag, report.Failed);
            activity.SetTag(TelemetryNames.NotAttemptedCountTag, report.NotAttempted);
            if (report.HaltReason is { } reason)
            {
                activity.SetStatus(ActivityStatusCode.Error, reason);
            }
        }

        if (report.HaltReason is { } halt)
        {
            Log.Halted(logger, halt);
        }

        Log.PushCompleted(logger, TelemetryNames.Registration(name), report.Total, report.Succeeded, report.Rejected, report.Failed, report.NotAttempted, report.Duration);
        return report;
    }

    /// <summary>
    /// Signs in before any queue starts, so that no permit is held while a token is fetched. Refused credentials, or a
    /// sign-in that still fails after a request's worth of retries (<see cref="SignInPipeline"/>), halt the push before
    /// anything is sent: the rows end NotAttempted with the reason, instead of each paying the outage on its own.
    /// </summary>
    private async Task<bool> SignInAsync(PushRun run)
    {
        if (!tokens.CanRefresh)
        {
            return true;
        }

        try
        {
            await SignInPipeline.Create(clientOptions.Retry, timeProvider)
                .ExecuteAsync(async token => await tokens.GetTokenAsync(null, token).ConfigureAwait(false), run.Stop)
                .ConfigureAwait(false);
        }
        catch (AccessTokenException e)
        {
            // Refused, or still failing after a request's worth of attempts: every row would pay the same outage.
            run.Halt(PushHalt.SignIn(e, Math.Max(1, clientOptions.Retry.MaxAttempts)));
        }
        catch (OperationCanceledException)
        {
            // Cancelled: the rows end NotAttempted.
        }

        return !run.Stop.IsCancellationRequested;
    }

    private async Task DrainQueueAsync(QueuePlan queue, PushRun run, ReportCollector collector, IReadOnlyDictionary<int, AdherenceExplanation?> settled)
    {
        for (var batch = 0; batch < queue.Batches.Count; batch++)
        {
            var rows = queue.Batches[batch];
            using var activity = run.Stop.IsCancellationRequested ? null : AdherenceSyncActivity.Source.StartActivity(TelemetryNames.BatchSpan);
            activity?.SetTag(TelemetryNames.QueueTag, queue.QueueId);
            activity?.SetTag(TelemetryNames.BatchTag, batch + 1);
            activity?.SetTag(TelemetryNames.RowCountTag, rows.Count);
            if (!run.Stop.IsCancellationRequested)
            {
                Log.BatchStarting(logger, queue.QueueId, batch + 1, queue.Batches.Count, rows.Count);
            }

            foreach (var row in rows)
            {
                // A row in doubt that the bulk lookup answered for: found, it is done; not found, it is written as new.
                var known = settled.TryGetValue(row.Index, out var found);
                var result = await TakeTurnAsync(
                    row with { StartedEarlier = row.StartedEarlier && !known }, run, known && found is not null ? Reconciled(row.Index, row.Row, found) : null).ConfigureAwait(false);
                collector.Record(result);
                LogOutcome(result);
            }
        }
    }

    /// <summary>A push's shared state, with the batch that confirms its write jobs together.</summary>
    private PushRun NewRun(PushOptions options, CancellationToken cancellationToken)
        => new(cancellationToken, options.Checkpoint) { Listings = writer.NewListingBatch() };

    /// <summary>
    /// A row's turn in its queue's loop (either engine's): not sent once the push has stopped; else its result when a
    /// lookup already settled it, or written (checked first when an earlier run started it); then recorded in the checkpoint.
    /// </summary>
    private async Task<RowResult> TakeTurnAsync(PlannedRow row, PushRun run, RowResult? settled = null)
    {
        var result = run.Stop.IsCancellationRequested
            ? ReportCollector.NotSent(row.Index, row.Row, run.NotSentReason)
            : settled ?? await WriteAsync(row, run).ConfigureAwait(false);
        await RecordOutcomeAsync(run, row.Key, result).ConfigureAwait(false);
        return result;
    }

    private async Task RecordOutcomeAsync(PushRun run, UInt128 key, RowResult result)
    {
        var state = result.Outcome switch
        {
            RowOutcome.Succeeded => CheckpointState.Succeeded,
            RowOutcome.Rejected => CheckpointState.Rejected,
            RowOutcome.Failed => CheckpointState.Failed,
            RowOutcome.Unknown => CheckpointState.Unknown,
            _ => (CheckpointState?)null,
        };
        if (run.Checkpoint is { } store && state is { } recorded)
        {
            try
            {
                // After a cancellation the outcome must still be recorded: the record does not honour the caller's token.
                await store.RecordAsync(new CheckpointEntry(CheckpointView.KeyOf(key), recorded, result.ExplanationId, result.Error) { Target = checkpointTarget }, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A store that fails halts the push; the row keeps its outcome in the report.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                run.Halt(PushHalt.Checkpoint(exception));
            }
        }
    }

    private async Task<RowResult> WriteAsync(PlannedRow row, PushRun run)
    {
        try
        {
            return await writer.WriteAsync(row, run).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every row must end with an outcome, even after a defect in the client.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // A defect may have struck after a write left: only the platform knows whether the row was applied, so it is
            // Unknown (a rerun with the checkpoint looks it up before it writes), never Failed, which says it was not.
            return new RowResult { Index = row.Index, Row = row.Row, Outcome = RowOutcome.Unknown, Error = $"outcome unknown: internal error: {exception.GetType().Name}: {exception.Message}" };
        }
    }

    private void LogOutcome(RowResult result)
    {
        switch (result.Outcome)
        {
            case RowOutcome.Rejected:
                Log.RowRejected(logger, result.Index, result.Row.QueueId, result.HttpStatus, result.Error);
                break;
            case RowOutcome.Failed:
                Log.RowFailed(logger, result.Index, result.Row.QueueId, result.Attempts, result.Error);
                break;
            case RowOutcome.Unknown:
                Log.RowUnknown(logger, result.Index, result.Row.QueueId, result.Attempts, result.Error);
                break;
        }
    }

    /// <summary>Reads and validates every row; each valid row's content key comes with it, computed once for the duplicate check.</summary>
    private static async Task<(List<AdherenceRow> Rows, List<UInt128> Keys, bool Cancelled)> ReadAndValidateAsync(IAsyncEnumerable<AdherenceRow> input, int maxRows, CancellationToken cancellationToken)
    {
        var rows = new List<AdherenceRow>();
        var keys = new List<UInt128>();
        var errors = new List<RowValidationError>();
        var validator = new RowValidator();
        try
        {
            await foreach (var row in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (rows.Count == maxRows)
                {
                    // Stop reading: the input may be a stream far bigger than memory.
                    errors.Add(RowValidator.TooManyRows(maxRows));
                    break;
                }

                keys.Add(validator.Validate(row, rows.Count, errors));
                rows.Add(row);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (rows, keys, true);
        }

        if (errors.Count > 0)
        {
            throw new AdherenceValidationException(errors);
        }

        return (rows, keys, false);
    }
}
