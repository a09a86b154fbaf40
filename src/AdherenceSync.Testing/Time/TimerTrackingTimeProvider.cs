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

    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                return _timers.Where(t => t.Due is not null).Select(t => t.Due).Min();
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

    private sealed class TrackedTimer(TimerTrackingTimeProvider owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            owner.Set(this, dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Fired()
            => owner.Set(this, _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : owner.GetUtcNow() + _period);

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
