using AdherenceSync.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Pacing;

public sealed class ClientPacingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Acquire_QueueBudgetSet_LimitsEachQueueOnItsOwn()
    {
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 6000, QueueRequestsPerMinute = 60 });

        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
    }

    [Fact]
    public void Acquire_NoQueueBudget_OnlyTheClientBudgetCounts()
    {
        // 240 a minute: a burst of half a second is 2.
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 240 });

        Assert.Equal([true, true, false], new[] { "a", "b", "c" }.Select(q => sut.Limiter.AttemptAcquire(new PacingKey(q)).IsAcquired));
    }

    [Fact]
    public void OnThrottled_PausesTheSharedBudgetForEveryQueue()
    {
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 6000 });

        sut.OnThrottled(TimeSpan.FromSeconds(5));

        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.Client.PauseRemaining);
        _time.Advance(TimeSpan.FromSeconds(5.1));
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_WaitingOnTheQueue_DoesNotSpendTheSharedBudget()
    {
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 60, QueueRequestsPerMinute = 1 });
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("slow")).IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(1));

        var waiting = sut.Limiter.AcquireAsync(new PacingKey("slow"), 1, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(20, TestContext.Current.CancellationToken);

        Assert.False(waiting.IsCompleted);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("fast")).IsAcquired);
    }

    private ClientPacing CreateSut(PacingOptions options, int maxParallelQueues = 16) => new(options, maxParallelQueues, TimeSpan.FromMinutes(3), _time);
}
