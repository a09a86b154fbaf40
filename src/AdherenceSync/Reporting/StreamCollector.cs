using AdherenceSync.Telemetry;

namespace AdherenceSync.Reporting;

/// <summary>
/// Accounts the rows of a streamed push as they end: counts them, reports progress, and hands each result to the sink,
/// keeping none. The counts of the rows read always equal the results handed over once the push has ended.
/// </summary>
internal sealed class StreamCollector(
    TimeProvider timeProvider, long started, IProgress<PushProgress>? progress, Func<RowResult, ValueTask> sink, Action<Exception>? onProgressError = null, ClientTelemetry? telemetry = null)
{
    private readonly Lock _lock = new();
    private readonly ProgressReporter _progress = new(progress, onProgressError);
    private OutcomeCounts _counts;
    private int _read;

    /// <summary>Gets how many rows were read.</summary>
    public int Read => Volatile.Read(ref _read);

    /// <summary>Counts a row read from the source and numbers it.</summary>
    /// <returns>The row's zero-based index in the input.</returns>
    public int OnRead() => Interlocked.Increment(ref _read) - 1;

    /// <summary>Accounts a row that ended and hands its result over; returns once the sink has taken it.</summary>
    public ValueTask RecordAsync(RowResult result)
    {
        PushProgress snapshot;
        lock (_lock)
        {
            _counts.Add(result.Outcome);
            snapshot = _counts.Progress(Read, timeProvider.GetElapsedTime(started));
        }

        telemetry?.RowOutcome(result.Outcome.ToString());
        _progress.Post(snapshot);
        return sink(result);
    }

    /// <summary>The report of the push, with its counts and no rows, once every progress snapshot has been handed over.</summary>
    public async Task<PushReport> BuildAsync(bool cancelled, string? haltReason)
    {
        await _progress.FlushAsync().ConfigureAwait(false);
        lock (_lock)
        {
            return new PushReport(_counts, timeProvider.GetElapsedTime(started), cancelled, haltReason);
        }
    }
}
