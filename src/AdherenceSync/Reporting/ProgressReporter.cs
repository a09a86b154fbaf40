namespace AdherenceSync.Reporting;

/// <summary>
/// Hands progress snapshots to the caller's <see cref="IProgress{T}"/> off the rows' path: a slow or blocking handler
/// delays only the next snapshot, never a queue. One snapshot at a time, never two handler calls at once, and always
/// forward: when the handler is slower than the rows, it gets the latest snapshot and the ones in between are skipped.
/// </summary>
internal sealed class ProgressReporter(IProgress<PushProgress>? progress, Action<Exception>? onError)
{
    private readonly Lock _lock = new();
    private PushProgress? _pending;
    private int _lastCompleted = -1;
    private Task _delivering = Task.CompletedTask;
    private bool _running;

    /// <summary>Queues <paramref name="snapshot"/> for delivery, unless a later one was already queued.</summary>
    public void Post(PushProgress snapshot)
    {
        if (progress is null)
        {
            return;
        }

        lock (_lock)
        {
            if (snapshot.Completed <= _lastCompleted)
            {
                return;
            }

            _lastCompleted = snapshot.Completed;
            _pending = snapshot;
            if (!_running)
            {
                _running = true;
                _delivering = Task.Run(Deliver);
            }
        }
    }

    /// <summary>Completes when every queued snapshot has been handed over.</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            return _delivering;
        }
    }

    private void Deliver()
    {
        while (true)
        {
            PushProgress next;
            lock (_lock)
            {
                if (_pending is not { } pending)
                {
                    _running = false;
                    return;
                }

                next = pending;
                _pending = null;
            }

            try
            {
                progress!.Report(next);
            }
#pragma warning disable CA1031 // A faulty progress handler must not cost a row its outcome.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                onError?.Invoke(exception);
            }
        }
    }
}
