using System.Threading.Channels;
using AdherenceSync.Checkpoints;
using AdherenceSync.Reporting;
using AdherenceSync.Telemetry;
using AdherenceSync.Validation;

namespace AdherenceSync.Push;

/// <content>
/// A push that sends while it reads: each row is checked as it is read and handed to its queue's loop, which starts with
/// the queue's first row. At most <see cref="AdherenceSyncOptions.MaxRowsHeld"/> rows are held (read and not ended), so
/// the reading waits for the sends; a row's slot is freed once its result has been handed over.
/// </content>
internal sealed partial class PushEngine
{
    /// <summary>Pushes <paramref name="input"/> while it reads it, handing each result to <paramref name="sink"/> as it ends.</summary>
    /// <param name="input">The rows, read once.</param>
    /// <param name="options">The push's options.</param>
    /// <param name="sink">Takes each row's result once final; the row's slot is freed when it returns.</param>
    /// <param name="kept">Where to keep every result for a report with its rows (in input order), or <see langword="null"/> to keep none.</param>
    /// <param name="readToEnd">
    /// Whether a stopped push (cancelled or halted) reads the rest of the source, each row ending not attempted, so that a
    /// report's counts add up to the input (a source that honours the cancellation still ends the reading); a push whose
    /// results stream stops reading at once, since its source may never end.
    /// </param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The report: with its rows when <paramref name="kept"/> is given, else its counts alone.</returns>
    public async Task<PushReport> StreamAsync(
        IAsyncEnumerable<AdherenceRow> input, PushOptions options, Func<RowResult, ValueTask> sink, List<RowResult>? kept, bool readToEnd, CancellationToken cancellationToken)
    {
        using var activity = AdherenceSyncActivity.Source.StartActivity(TelemetryNames.PushSpan);
        activity?.SetTag(TelemetryNames.ClientTag, name);
        var started = timeProvider.GetTimestamp();
        using var run = NewRun(options, cancellationToken);
        using var held = new SemaphoreSlim(clientOptions.MaxRowsHeld);
        var collector = new StreamCollector(
            timeProvider,
            started,
            options.Progress,
            async result =>
            {
                if (kept is not null)
                {
                    lock (kept)
                    {
                        kept.Add(result);
                    }
                }

                try
                {
                    await sink(result).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The caller's handler failing halts the push; every row still gets its outcome.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    run.Halt(PushHalt.RowHandler(exception));
                }
                finally
                {
                    held.Release();
                }
            },
            e => Log.ProgressHandlerFailed(logger, e),
            telemetry);
        var checkpoint = await CheckpointView.LoadAsync(options.Checkpoint, checkpointTarget, options.AllowCheckpointFromAnotherTarget, cancellationToken).ConfigureAwait(false);
        var signedIn = !cancellationToken.IsCancellationRequested && await SignInAsync(run).ConfigureAwait(false);
        if (signedIn || readToEnd)
        {
            Log.StreamStarting(logger, TelemetryNames.Registration(name), clientOptions.MaxRowsHeld, clientOptions.MaxParallelQueues);
            var queues = new Dictionary<string, StreamedQueue>(StringComparer.Ordinal);
            await ReadAsync(input, kept is null ? null : clientOptions.MaxRowsPerPush, readToEnd, run, held, collector, checkpoint, queues).ConfigureAwait(false);
            foreach (var queue in queues.Values)
            {
                queue.Rows.Complete();
            }

            await Task.WhenAll(queues.Values.Select(q => q.Drained)).ConfigureAwait(false);
            activity?.SetTag(TelemetryNames.QueueCountTag, queues.Count);
        }

        activity?.SetTag(TelemetryNames.RowCountTag, collector.Read);
        var report = await collector.BuildAsync(run.IsCancelled, run.HaltReason).ConfigureAwait(false);
        if (kept is not null)
        {
            kept.Sort((a, b) => a.Index.CompareTo(b.Index));
            report = await ResolveExplanationIdsAsync(new PushReport(kept, report.Duration, report.Cancelled, report.HaltReason), run).ConfigureAwait(false);
        }

        return Finish(report, run, activity);
    }

    /// <summary>
    /// Reads the source until it ends, the push stops, or a row is past <paramref name="maxRows"/>: each row takes a slot,
    /// then ends at once (invalid, or done in an earlier run) or goes to its queue's loop.
    /// </summary>
    private async Task ReadAsync(
        IAsyncEnumerable<AdherenceRow> input, int? maxRows, bool readToEnd, PushRun run, SemaphoreSlim held, StreamCollector collector, CheckpointView? checkpoint, Dictionary<string, StreamedQueue> queues)
    {
        var validator = new RowValidator(AdherenceRowConstants.StreamedKeysRemembered);
        var errors = new List<RowValidationError>();
        try
        {
            await foreach (var row in input.WithCancellation(run.Stop).ConfigureAwait(false))
            {
                var index = collector.OnRead();
                if (run.Stop.IsCancellationRequested || !await TakeSlotAsync(held, run).ConfigureAwait(false))
                {
                    // Read after the push stopped (or while it waited for a slot): it ends not sent, like the rows held.
                    await collector.RecordAsync(ReportCollector.NotSent(index, row ?? Unreadable, run.NotSentReason)).ConfigureAwait(false);
                    if (!readToEnd)
                    {
                        return;
                    }

                    continue;
                }

                errors.Clear();
                var pastLimit = index == maxRows;
                var key = UInt128.Zero;
                if (pastLimit)
                {
                    errors.Add(RowValidator.TooManyRows(index));
                }
                else
                {
                    key = validator.Validate(row, index, errors);
                }

                if (errors.Count > 0)
                {
                    // Invalid: never sent. The row past the limit also ends the reading.
                    await collector.RecordAsync(Invalid(index, row, errors)).ConfigureAwait(false);
                    if (pastLimit)
                    {
                        return;
                    }

                    continue;
                }

                var (done, started) = checkpoint?.Look(index, row!, key) ?? default;
                if (done is not null)
                {
                    await collector.RecordAsync(done).ConfigureAwait(false);
                    continue;
                }

                if (!queues.TryGetValue(row!.QueueId, out var queue))
                {
                    var rows = Channel.CreateUnbounded<PlannedRow>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                    queues[row.QueueId] = queue = new StreamedQueue(rows.Writer, DrainStreamedQueueAsync(rows.Reader, run, collector));
                }

                queue.Rows.TryWrite(new PlannedRow(index, row, key, started));
            }
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            // Cancelled or halted: reading stops; the rows read end as their queues drain.
        }
#pragma warning disable CA1031 // A source that throws halts the push: the rows already read, some sent, still get their outcome.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            run.Halt(PushHalt.Source(exception));
        }
    }

    private static async Task<bool> TakeSlotAsync(SemaphoreSlim held, PushRun run)
    {
        try
        {
            await held.WaitAsync(run.Stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One queue's loop: its rows in the order read, one at a time; once the push stops, the rest end not sent.</summary>
    private async Task DrainStreamedQueueAsync(ChannelReader<PlannedRow> rows, PushRun run, StreamCollector collector)
    {
        await foreach (var row in rows.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var result = await TakeTurnAsync(row, run).ConfigureAwait(false);
            await collector.RecordAsync(result).ConfigureAwait(false);
            LogOutcome(result);
        }
    }

    /// <summary>An invalid row of a stream: never sent, its errors in one line.</summary>
    private static RowResult Invalid(int index, AdherenceRow? row, List<RowValidationError> errors) => new()
    {
        Index = index,
        Row = row ?? Unreadable,
        Outcome = RowOutcome.Invalid,
        Error = $"invalid, not sent: {string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"))}",
    };

    /// <summary>Stands in for a <see langword="null"/> row of a stream, so that its result still has a row.</summary>
    private static readonly AdherenceRow Unreadable = new() { AgentId = string.Empty, QueueId = string.Empty, StartDate = default, LengthMinutes = 0 };
}
