namespace AdherenceSync.Reporting;

/// <summary>
/// Collects the outcome of every row (from several queue loops at once) and reports progress.
/// </summary>
internal sealed class ReportCollector(
    IReadOnlyList<AdherenceRow> rows, TimeProvider timeProvider, long started, IProgress<PushProgress>? progress, Action<Exception>? onProgressError = null, Action<RowResult>? onRecorded = null)
{
    private readonly RowResult?[] _results = new RowResult?[rows.Count];
    private readonly Lock _lock = new();
    private readonly Lock _reportLock = new();
    private int _succeeded;
    private int _rejected;
    private int _failed;
    private int _notAttempted;

    public bool HasOutcome(int index) => Volatile.Read(ref _results[index]) is not null;

    public static RowResult NotSent(int index, AdherenceRow row, string reason)
        => new() { Index = index, Row = row, Outcome = RowOutcome.NotAttempted, Error = reason };

    public void Record(RowResult result)
    {
        // Rows finish on several queue loops at once: one at a time here, so that progress goes out in order
        // (1, 2, 3, ...) and a handler that is not thread-safe is never called twice at once.
        lock (_reportLock)
        {
            RecordInOrder(result);
        }
    }

    private void RecordInOrder(RowResult result)
    {
        PushProgress snapshot;
        lock (_lock)
        {
            if (_results[result.Index] is not null)
            {
                throw new InvalidOperationException($"Row {result.Index} already has an outcome.");
            }

            _results[result.Index] = result;
            switch (result.Outcome)
            {
                case RowOutcome.Succeeded:
                    _succeeded++;
                    break;
                case RowOutcome.Rejected:
                    _rejected++;
                    break;
                case RowOutcome.Failed:
                    _failed++;
                    break;
                default:
                    _notAttempted++;
                    break;
            }

            snapshot = new PushProgress(_results.Length, _succeeded, _rejected, _failed, _notAttempted, timeProvider.GetElapsedTime(started));
        }

        onRecorded?.Invoke(result);
        try
        {
            progress?.Report(snapshot);
        }
#pragma warning disable CA1031 // A faulty progress handler must not cost a row its outcome.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            onProgressError?.Invoke(exception);
        }
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

    public PushReport Build(bool cancelled, string? haltReason)
    {
        // Every loop records each of its rows; this only guards the promise that the counts add up to the input.
        MarkRemaining(RowOutcome.NotAttempted, "not reached");
        return new PushReport([.. _results.Select(r => r!)], timeProvider.GetElapsedTime(started), cancelled, haltReason);
    }
}
