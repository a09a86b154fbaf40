namespace AdherenceSync.Pacing;

/// <content>
/// Bounded in the long run: a queue's budget that has been idle for <see cref="PacingConstants.QueueIdleEviction"/> is
/// dropped, so a worker that meets tens of thousands of queues over a day holds only those in use. A queue that comes back
/// starts, as every new queue does, from what its siblings learned.
/// </content>
internal sealed partial class ClientPacing
{
    private readonly Dictionary<string, long> _lastUsed = new(StringComparer.Ordinal);
    private readonly Lock _usage = new();
    private long _lastSweep;
    private int _evicted;

    /// <summary>Gets how many queue budgets were dropped for being idle.</summary>
    public int EvictedQueues => Volatile.Read(ref _evicted);

    private void Touch(string queue)
    {
        var now = _timeProvider.GetTimestamp();
        List<string>? idle = null;
        lock (_usage)
        {
            _lastUsed[queue] = now;
            if (_timeProvider.GetElapsedTime(_lastSweep, now) < PacingConstants.QueueSweepInterval)
            {
                return;
            }

            _lastSweep = now;
            foreach (var (name, used) in _lastUsed)
            {
                if (_timeProvider.GetElapsedTime(used, now) >= PacingConstants.QueueIdleEviction)
                {
                    (idle ??= []).Add(name);
                }
            }

            foreach (var name in idle ?? [])
            {
                _lastUsed.Remove(name);
            }
        }

        foreach (var name in idle ?? [])
        {
            Evict(name);
        }
    }

    /// <summary>
    /// Drops an idle queue's budget unless someone waits on it. It is not disposed: a send of that queue that looked it up
    /// just before may still take a permit from it, which is harmless; with no waiter and no timer armed, nothing else
    /// holds it.
    /// </summary>
    private void Evict(string queue)
    {
        if (_queues.TryGetValue(queue, out var budget) && budget.Limiter.GetStatistics() is { CurrentQueuedCount: 0 }
            && _queues.TryRemove(new KeyValuePair<string, Budget>(queue, budget)))
        {
            _attribution.Forget(queue);
            Interlocked.Increment(ref _evicted);
        }
    }
}
