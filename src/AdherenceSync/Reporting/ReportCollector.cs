using AdherenceSync.Telemetry;

namespace AdherenceSync.Reporting;

/// <summary>
/// Collects the outcome of every row (from several queue loops at once) and reports progress.
/// </summary>
internal sealed class ReportCollector(
    IReadOnlyList<AdherenceRow> rows, TimeProvider timeProvider, long started, IProgress<PushProgress>? progress, Action<Exception>? onProgressError = null, ClientTelemetry? telemetry = null)
{
    private readonly RowResult?[] _results = new RowResult?[rows.Count];
    private readonly Lock _lock = new();
    private readonly ProgressReporter _progress = new(progress, onProgressError);
    private OutcomeCounts _counts;

    public static RowResult NotSent(int index, AdherenceRow row, string reason)
        => new() { Index = index, Row = row, Outcome = RowOutcome.NotAttempted, Error = reason };

    public void Record(RowResult result)
    {
        PushProgress snapshot;
        lock (_lock)
        {
            if (_results[result.Index] is not null)
            {
                throw new InvalidOperationException($"Row {result.Index} already has an outcome.");
            }

            _results[result.Index] = result;
            _counts.Add(result.Outcome);
            snapshot = _counts.Progress(_results.Length, timeProvider.GetElapsedTime(started));
        }

        telemetry?.RowOutcome(result.Outcome.ToString());

        // Handed over off this path: a slow handler never holds up the queue that finished this row, or any other.
        _progress.Post(snapshot);
    }

    /// <summary>Gives every row that has no outcome yet the given one.</summary>
    public void MarkRemaining(RowOutcome outcome, string reason)
    {
        for (var i = 0; i < _results.Length; i++)
        {
            if (Volatile.Read(ref _results[i]) is null)
            {
                Record(new RowResult { Index = i, Row = rows[i], Outcome = outcome, Error = reason });
            }
        }
    }

    /// <summary>Builds the report once every progress snapshot has been handed over.</summary>
    public async Task<PushReport> BuildAsync(bool cancelled, string? haltReason)
    {
        // Every loop records each of its rows; this only guards the promise that the counts add up to the input.
        MarkRemaining(RowOutcome.NotAttempted, "not reached");
        var report = new PushReport([.. _results.Select(r => r!)], timeProvider.GetElapsedTime(started), cancelled, haltReason);
        await _progress.FlushAsync().ConfigureAwait(false);
        return report;
    }
}
