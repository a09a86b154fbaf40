using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <content>Acquiring: the line of waiters, the pump that grants them in order, and the leases.</content>
internal sealed partial class PacingRateLimiter
{
    private RateLimitLease TryAcquire(int permitCount, SendClass sendClass)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetTimestamp();
            var check = CheckLocked(permitCount, NeedsSlot(sendClass), now);
            if (check.Allowed && !AnyoneAheadLocked(sendClass))
            {
                return GrantLocked(permitCount, sendClass, now);
            }

            _failedLeases++;
            return PacingLease.Rejected(check.Wait ?? TimeSpan.Zero, "no permit available now");
        }
    }

    private ValueTask<RateLimitLease> AcquireAsync(int permitCount, SendClass sendClass, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetTimestamp();
            var check = CheckLocked(permitCount, NeedsSlot(sendClass), now);
            if (!AnyoneAheadLocked(sendClass))
            {
                if (check.Allowed)
                {
                    return ValueTask.FromResult(GrantLocked(permitCount, sendClass, now));
                }

                if (check.Paused && check.Wait > _maxPauseWait)
                {
                    return ValueTask.FromResult<RateLimitLease>(RefuseLocked(check.Wait.Value));
                }
            }

            waiter = new Waiter(permitCount, sendClass);
            waiter.Node = _waiters[(int)sendClass].AddLast(waiter);
        }

        Pump();
        return new ValueTask<RateLimitLease>(WaitAsync(waiter, cancellationToken));
    }

    private async Task<RateLimitLease> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_lock)
            {
                removed = waiter.Node?.List is { } list && Remove(list, waiter);
            }

            if (removed)
            {
                waiter.Completion.TrySetCanceled(cancellationToken);
                Pump(); // the first in line may have changed
            }
        });

        return await waiter.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Grants every waiter the sources, the pause and the slots allow, in order, and sets the timer for the rest.</summary>
    private void Pump()
    {
        var granted = new List<(Waiter Waiter, RateLimitLease Lease)>();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _timeProvider.GetTimestamp();
            while (_waiters.FirstOrDefault(w => w.Count > 0)?.First?.Value is { } head)
            {
                var check = CheckLocked(head.Permits, NeedsSlot(head.Class), now);
                if (check.Allowed)
                {
                    Remove(head.Node!.List!, head);
                    granted.Add((head, GrantLocked(head.Permits, head.Class, now)));
                    continue;
                }

                if (check.Paused && check.Wait > _maxPauseWait)
                {
                    // The server asked for a longer wait than the client accepts: nobody waiting will be served.
                    foreach (var waiter in _waiters.SelectMany(w => w).ToList())
                    {
                        Remove(waiter.Node!.List!, waiter);
                        granted.Add((waiter, RefuseLocked(check.Wait.Value)));
                    }

                    break;
                }

                // Held by a slot or by a source waiting to learn more: the next release or change pumps. Held by time: the timer pumps.
                _timer.Change(check.Wait ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                break;
            }
        }

        foreach (var (waiter, lease) in granted)
        {
            if (!waiter.Completion.TrySetResult(lease))
            {
                lease.Dispose();
            }
        }
    }

    private RateLimitLease GrantLocked(int permitCount, SendClass sendClass, long now)
    {
        var needsSlot = NeedsSlot(sendClass);
        var probe = TakeLocked(permitCount, needsSlot, now);
        return new GrantLease(this, _granted, holdsSlot: needsSlot && _slots != int.MaxValue, probe);
    }

    private PacingLease RefuseLocked(TimeSpan wait)
    {
        _failedLeases++;
        return PacingLease.Rejected(wait, $"the '{Name}' budget is paused for {wait.TotalSeconds:F0} s by the server's Retry-After");
    }

    private bool AnyoneAheadLocked(SendClass sendClass)
    {
        for (var i = 0; i <= (int)sendClass; i++)
        {
            if (_waiters[i].Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private void Release(bool slot, bool probe)
    {
        lock (_lock)
        {
            _inFlight -= slot ? 1 : 0;
            _pauseProbeOut &= !probe;
        }

        Pump();
    }

    private static bool NeedsSlot(SendClass sendClass) => sendClass != SendClass.RefreshedResend;

    private static bool Remove(LinkedList<Waiter> list, Waiter waiter)
    {
        if (waiter.Node?.List != list)
        {
            return false;
        }

        list.Remove(waiter.Node);
        return true;
    }

    private sealed class Waiter(int permits, SendClass sendClass)
    {
        public int Permits { get; } = permits;

        public SendClass Class { get; } = sendClass;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }

    /// <summary>
    /// A granted send: its number among this limiter's grants (metadata <see cref="GrantMetadataName"/>), and, when it
    /// holds a slot or is the first send after a pause, what disposing it (when the attempt has ended) lets go.
    /// </summary>
    private sealed class GrantLease(PacingRateLimiter owner, long number, bool holdsSlot, bool pauseProbe) : RateLimitLease
    {
        private int _released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [owner.GrantMetadataName];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == owner.GrantMetadataName ? number : null;
            return metadata is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if ((holdsSlot || pauseProbe) && Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(holdsSlot, pauseProbe);
            }
        }
    }

    /// <summary>The limiter as one class of sender sees it. Never idle, so a partitioned limiter never disposes it.</summary>
    private sealed class View(PacingRateLimiter owner, SendClass sendClass) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => owner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => owner.TryAcquire(permitCount, sendClass);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
            => owner.AcquireAsync(permitCount, sendClass, cancellationToken);
    }
}
