namespace AdherenceSync.Pacing;

/// <content>
/// Bounded in the long run: a queue's budget that has been idle for <see cref="PacingConstants.QueueIdleEviction"/> is
/// dropped, so a worker that meets tens of thousands of queues over a day holds only those in use. A queue that comes back
/// starts, as every new queue does, from what its siblings learned.
/// </content>
internal sealed partial class ClientPacing
{
    private long _lastSweep;
    private int _evicted;

    /// <summary>Gets how many queue budgets were dropped for being idle.</summary>
    public int EvictedQueues => Volatile.Read(ref _evicted);

    /// <summary>Notes a use of a queue's budget and, at most once a <see cref="PacingConstants.QueueSweepInterval"/>, drops the idle ones.</summary>
    private Budget Touch(Budget budget)
    {
        var now = _timeProvider.GetTimestamp();
        budget.Use(now);
        var last = Volatile.Read(ref _lastSweep);
        if (_timeProvider.GetElapsedTime(last, now) < PacingConstants.QueueSweepInterval || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return budget;
        }

        foreach (var (name, queue) in _queues)
        {
            if (_timeProvider.GetElapsedTime(queue.LastUsed, now) >= PacingConstants.QueueIdleEviction)
            {
                Evict(name, queue);
            }
        }

        return budget;
    }

    /// <summary>
    /// Drops an idle queue's budget unless someone waits on it. It is not disposed: a send of that queue that looked it up
    /// just before may still take a permit from it, which is harmless; with no waiter and no timer armed, nothing else
    /// holds it.
    /// </summary>
    private void Evict(string queue, Budget budget)
    {
        if (budget.Limiter.GetStatistics() is { CurrentQueuedCount: 0 } && _queues.TryRemove(new KeyValuePair<string, Budget>(queue, budget)))
        {
            _attribution.Forget(queue);
            Interlocked.Increment(ref _evicted);
        }
    }
}
