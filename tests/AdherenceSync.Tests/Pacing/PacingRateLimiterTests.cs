using System.Threading.RateLimiting;
using AdherenceSync.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Pacing;

public sealed class PacingRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AttemptAcquire_FullBucket_GrantsBurstThenRefuses()
    {
        using var sut = CreateSut(permitsPerSecond: 5, capacity: 5);

        var granted = Enumerable.Range(0, 6).Select(_ => sut.AttemptAcquire().IsAcquired).ToArray();

        Assert.Equal([true, true, true, true, true, false], granted);
    }

    [Fact]
    public void AttemptAcquire_AfterRefillTime_GrantsAgain()
    {
        using var sut = CreateSut(permitsPerSecond: 5, capacity: 1);
        Assert.True(sut.AttemptAcquire().IsAcquired);
        Assert.False(sut.AttemptAcquire().IsAcquired);

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(sut.AttemptAcquire().IsAcquired);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_EmptyBucket_WaitsExactlyUntilAPermitRefills()
    {
        using var sut = CreateSut(permitsPerSecond: 2, capacity: 1);
        Assert.True(sut.AttemptAcquire().IsAcquired);

        var waiting = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(20, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_Paused_WaitsUntilThePauseEndsAndNoLonger()
    {
        using var sut = CreateSut(permitsPerSecond: 10, capacity: 10);
        sut.PauseUntil(_time.GetTimestamp() + (3 * _time.TimestampFrequency));

        Assert.False(sut.AttemptAcquire().IsAcquired);
        var waiting = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(2999));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        // The Retry-After is the server's word on when the budget is back: the bucket is not emptied on top of it.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_PauseLongerThanMaxPauseWait_IsRefusedAtOnceWithRetryAfter()
    {
        using var sut = CreateSut(permitsPerSecond: 10, capacity: 10, maxPauseWait: TimeSpan.FromSeconds(180));
        sut.PauseUntil(_time.GetTimestamp() + (600 * _time.TimestampFrequency));

        using var lease = await sut.AcquireAsync(1, TestContext.Current.CancellationToken);

        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(600), retryAfter);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_ThrowsAndCountsNoLease()
    {
        using var sut = CreateSut(permitsPerSecond: 1, capacity: 1);
        Assert.True(sut.AttemptAcquire().IsAcquired);
        using var cts = new CancellationTokenSource();

        var waiting = sut.AcquireAsync(1, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, sut.GetStatistics()!.TotalSuccessfulLeases);
        Assert.Equal(0, sut.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task Update_RateRaised_WakesAWaiterEarly()
    {
        using var sut = CreateSut(permitsPerSecond: 0.01, capacity: 1);
        Assert.True(sut.AttemptAcquire().IsAcquired);
        var waiting = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();

        sut.Update(now => sut.Bucket.SetRate(permitsPerSecond: 10, capacity: 1, now));
        _time.Advance(TimeSpan.FromMilliseconds(100));

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_WaitShorterThanAMillisecond_WaitsAWholeMillisecondInsteadOfSpinning()
    {
        // 0.9999 of a permit is left at 10 a second: the exact wait is 10 microseconds, shorter than any timer fires.
        using var sut = CreateSut(permitsPerSecond: 10, capacity: 1);
        Assert.True(sut.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromTicks(999_900));

        var waiting = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_ManyLoopsWithSlotsAndPauses_AllCompleteNeverExceedingTheSlots()
    {
        // Ten loops of 20 sends each through a 20/s bucket with 3 slots, with pauses thrown in: nothing is lost, and
        // no more than 3 leases are ever held at once.
        var clock = FakeClock.TimersOnly();
        using var sut = new PacingRateLimiter("stress", clock.Time, permitsPerSecond: 20, capacity: 10, TimeSpan.FromMinutes(3), slots: 3);
        var held = 0;
        var maxHeld = 0;
        var granted = 0;

        async Task LoopAsync(int loop)
        {
            for (var i = 0; i < 20; i++)
            {
                var limiter = i % 3 == 0 ? sut.FollowUp : sut;
                using var lease = await limiter.AcquireAsync(1, TestContext.Current.CancellationToken);
                Assert.True(lease.IsAcquired);
                var now = Interlocked.Increment(ref held);
                InterlockedMax(ref maxHeld, now);
                Interlocked.Increment(ref granted);
                if ((loop + i) % 37 == 0)
                {
                    sut.PauseUntil(clock.Time.GetTimestamp() + clock.Time.TimestampFrequency);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(5 + (loop % 4)), clock.Time, TestContext.Current.CancellationToken);
                Interlocked.Decrement(ref held);
            }
        }

        await clock.RunAsync(Task.WhenAll(Enumerable.Range(0, 10).Select(LoopAsync)).ContinueWith(_ => true, TaskScheduler.Default));

        Assert.Equal(200, granted);
        Assert.InRange(maxHeld, 1, 3);
    }

    [Fact]
    public async Task AcquireAsync_RowThatAlreadySent_GoesBeforeFreshRows()
    {
        using var sut = CreateSut(permitsPerSecond: 1, capacity: 1);
        Assert.True(sut.AttemptAcquire().IsAcquired);
        var order = new List<string>();

        var fresh = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask().ContinueWith(_ => order.Add("fresh"), TaskScheduler.Default);
        await Task.Delay(10, TestContext.Current.CancellationToken);
        var resumed = sut.FollowUp.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask().ContinueWith(_ => order.Add("resumed"), TaskScheduler.Default);
        await Task.Delay(10, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));
        await resumed.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));
        await fresh.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(["resumed", "fresh"], order);
    }

    [Fact]
    public async Task AcquireAsync_AllSlotsHeld_WaitsForARelease()
    {
        using var sut = new PacingRateLimiter("slots", _time, double.PositiveInfinity, 1, TimeSpan.FromMinutes(3), slots: 1);
        var first = await sut.AcquireAsync(1, TestContext.Current.CancellationToken);

        var second = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_PauseEnds_FirstSendGoesAloneAndTheOthersAfterItsAttempt()
    {
        using var sut = new PacingRateLimiter("probe", _time, double.PositiveInfinity, 1, TimeSpan.FromMinutes(3), slots: 3);
        sut.PauseUntil(_time.GetTimestamp() + _time.TimestampFrequency);
        var waiting = Enumerable.Range(0, 3).Select(_ => sut.FollowUp.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask()).ToList();

        _time.Advance(TimeSpan.FromSeconds(1));
        var first = await waiting[0].WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await Task.Delay(20, TestContext.Current.CancellationToken);

        // Three slots, an unlimited budget: only the pause's first send holds the others back.
        Assert.True(first.IsAcquired);
        Assert.False(waiting[1].IsCompleted);
        Assert.False(waiting[2].IsCompleted);

        first.Dispose();
        var rest = await Task.WhenAll(waiting.Skip(1)).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.All(rest, lease => Assert.True(lease.IsAcquired));
        Assert.True(sut.AttemptAcquire().IsAcquired); // no pause since: nothing waits for a first send
    }

    [Fact]
    public void AttemptAcquire_Unlimited_AlwaysGrantsUnlessPaused()
    {
        using var sut = CreateSut(permitsPerSecond: double.PositiveInfinity, capacity: 1);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(sut.AttemptAcquire().IsAcquired));
        sut.PauseUntil(_time.GetTimestamp() + _time.TimestampFrequency);
        Assert.False(sut.AttemptAcquire().IsAcquired);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private PacingRateLimiter CreateSut(double permitsPerSecond, double capacity, TimeSpan? maxPauseWait = null)
        => new("test", _time, permitsPerSecond, capacity, maxPauseWait ?? TimeSpan.FromMinutes(3));
}
