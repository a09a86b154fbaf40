using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due, so that a test driver can jump straight
/// to it instead of stepping through fake time.
/// </summary>
internal sealed class TimerTrackingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly HashSet<TrackedTimer> _timers = [];
    private int _held;
    private long _version;

    /// <summary>Gets how many requests the server holds on this clock's timers (a stall, a latency): they wait for fake time.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Gets a number that changes whenever a timer is set, changed, fired or disposed.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Waits on <paramref name="timeProvider"/> as the server of a request: on a driver's clock the request counts as held
    /// meanwhile, so that fake time may move while it is on the wire.
    /// </summary>
    public static async Task DelayHeldAsync(TimeProvider timeProvider, TimeSpan delay, CancellationToken cancellationToken)
    {
        using var held = (timeProvider as TimerTrackingTimeProvider)?.Hold();
        await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a request as held by the server until the returned scope ends.</summary>
    public IDisposable Hold()
    {
        Interlocked.Increment(ref _held);
        return new Release(this);
    }

    /// <summary>Gets when the next timer is due; a timer whose time has come but that has not fired yet does not count.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            var now = GetUtcNow();
            lock (_lock)
            {
                return _timers.Where(t => t.Due > now).Select(t => t.Due).Min();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        tracked.Change(dueTime, period);
        return tracked;
    }

    private void Set(TrackedTimer timer, DateTimeOffset? due)
    {
        Interlocked.Increment(ref _version);
        lock (_lock)
        {
            timer.Due = due;
            if (due is null)
            {
                _timers.Remove(timer);
            }
            else
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class Release(TimerTrackingTimeProvider owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref owner._held);
            }
        }
    }

    /// <summary>
    /// A timer whose due time is known. Fake time may jump on another thread while a timer is set, so a change is
    /// repeated until the clock stood still across it: the recorded due time is then the one the fake timer uses.
    /// </summary>
    private sealed class TrackedTimer(TimerTrackingTimeProvider owner) : ITimer
    {
        private readonly Lock _gate = new();
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _period = period;
                while (true)
                {
                    var before = owner.GetUtcNow();
                    owner.Set(this, dueTime == Timeout.InfiniteTimeSpan ? null : before + dueTime);
                    var changed = Inner.Change(dueTime, period);
                    if (owner.GetUtcNow() == before)
                    {
                        return changed;
                    }
                }
            }
        }

        public void Fired()
        {
            lock (_gate)
            {
                var now = owner.GetUtcNow();
                if (Due > now)
                {
                    return; // an earlier setting fired after the timer was set again
                }

                owner.Set(this, _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period);
            }
        }

        public void Dispose()
        {
            owner.Set(this, null);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
