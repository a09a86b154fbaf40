using AdherenceSync.Testing.Time;

namespace AdherenceSync.Tests.Testing.Time;

public sealed class TimerTrackingTimeProviderTests
{
    [Fact]
    public async Task NextDue_TimerSetWhileTimeJumps_IsWhenTheTimerFires()
    {
        // A limiter sets its timer on one thread while the driver advances the clock on another. The due time the
        // driver reads must be the one the fake timer keeps, or the driver jumps short of it (or never jumps again).
        var time = new TimerTrackingTimeProvider(DateTimeOffset.UnixEpoch);
        var misses = 0;
        for (var i = 0; i < 2000; i++)
        {
            var fired = 0;
            using var timer = time.CreateTimer(_ => Interlocked.Increment(ref fired), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            using var start = new Barrier(2);
            var set = Task.Run(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                timer.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
            }, TestContext.Current.CancellationToken);
            var jump = Task.Run(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                time.Advance(TimeSpan.FromMilliseconds(5));
            }, TestContext.Current.CancellationToken);
            await Task.WhenAll(set, jump);

            var due = time.NextDue;
            Assert.NotNull(due);
            time.Advance(due.Value - time.GetUtcNow());
            if (Volatile.Read(ref fired) != 1)
            {
                misses++;
            }

            Assert.Null(time.NextDue);
        }

        Assert.Equal(0, misses);
    }
}
