using AdherenceSync.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Pacing;

public sealed class ClientPacingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Acquire_QueueBudgetSet_LimitsEachQueueOnItsOwn()
    {
        // 60 a minute per queue is a ceiling: a queue may spend its minute at once, then one a second.
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 6000, QueueRequestsPerMinute = 60 });

        Assert.Equal(60, Enumerable.Range(0, 61).Count(_ => Granted(sut, "a")));
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
    }

    [Fact]
    public void Acquire_ConfiguredClientBudget_IsACeilingForEveryQueue()
    {
        // 240 a minute: the queues together may spend the minute's 240 at once (a fixed window's share goes at its start),
        // never more; then 4 a second come back.
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 240 });

        var granted = Enumerable.Range(0, 300).Count(i => Granted(sut, $"q{i % 3}"));

        Assert.Equal(240, granted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, Enumerable.Range(0, 10).Count(i => Granted(sut, $"q{i % 3}")));
    }

    [Fact]
    public void Acquire_NothingConfiguredNorLearned_AssumesNoLimit()
    {
        using var sut = CreateSut(new PacingOptions());

        Assert.All(Enumerable.Range(0, 500), i =>
        {
            using var lease = sut.Limiter.AttemptAcquire(new PacingKey($"q{i % 8}"));
            Assert.True(lease.IsAcquired);
        });
        Assert.True(double.IsPositiveInfinity(sut.ClientBudget.EffectiveRate));
    }

    [Fact]
    public void OnAnswer_ClientLevel429_PausesEveryQueueUntilTheRetryAfter()
    {
        using var sut = CreateSut(new PacingOptions());
        var sent = Send(sut, "a");

        var decision = sut.OnAnswer(Throttled("a", sent, retryAfter: 5));

        Assert.Equal(ThrottleScope.Client, decision!.Value.Scope);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(5) + PacingConstants.PauseMargin, sut.Client.PauseRemaining);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
        _time.Advance(PacingConstants.PauseMargin);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
    }

    [Fact]
    public void OnAnswer_QueueLevel429ByTheHeaders_PausesOnlyThatQueue()
    {
        using var sut = CreateSut(new PacingOptions());
        var sent = Send(sut, "a");

        // The headers count the token's budget: 250 of 300 still left, so this 429 was the queue's own limit.
        var decision = sut.OnAnswer(Throttled("a", sent, retryAfter: 2) with { RateLimit = Inin(count: 50, allowed: 300, reset: 40) });

        Assert.Equal(ThrottleScope.Queue, decision!.Value.Scope);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("c")).IsAcquired);
        Assert.Equal(TimeSpan.Zero, sut.Client.PauseRemaining);
        _time.Advance(TimeSpan.FromSeconds(2) + PacingConstants.PauseMargin);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
    }

    [Fact]
    public void OnAnswer_429NamingAnotherLimitThanTheTokens_PausesOnlyThatQueue()
    {
        using var sut = CreateSut(new PacingOptions());
        var sent = Send(sut, "a");

        var decision = sut.OnAnswer(Throttled("a", sent, retryAfter: 2) with { LimitKey = "wfm.adherence.explanations.rate.per.minute" });

        Assert.Equal(ThrottleScope.Queue, decision!.Value.Scope);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
    }

    [Fact]
    public void OnAnswer_429NamingTheTokensLimit_PausesEveryQueue()
    {
        using var sut = CreateSut(new PacingOptions());
        var sent = Send(sut, "a");

        var decision = sut.OnAnswer(Throttled("a", sent, retryAfter: 2) with { LimitKey = "client.credentials.token.rate.per.minute" });

        Assert.Equal(ThrottleScope.Client, decision!.Value.Scope);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
    }

    [Fact]
    public void OnAnswer_HeadersBelowAConfiguredBudget_CorrectTheTooHighBudget()
    {
        // Configured for 1,800 a minute; the server's window allows 10 a second.
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 1800 });
        var sent = Send(sut, "a");

        sut.OnAnswer(new ServerAnswer("a", false, sent, _time.GetTimestamp(), Inin(count: 1, allowed: 10, reset: 1)));

        var granted = Enumerable.Range(0, 20).Count(_ => sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
        Assert.Equal(9, granted);
        Assert.Equal(10, sut.ClientBudget.EffectiveRate, 6);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("a")).IsAcquired);
    }

    [Fact]
    public void OnAnswer_HeadersAboveAConfiguredBudget_KeepTheConfiguredCeiling()
    {
        // Configured for 120 a minute; the server would allow 1,000 a second.
        using var sut = CreateSut(new PacingOptions { RequestsPerMinute = 120 });
        var sent = Send(sut, "a");

        sut.OnAnswer(new ServerAnswer("a", false, sent, _time.GetTimestamp(), Inin(count: 1, allowed: 1000, reset: 1)));

        Assert.Equal(119, Enumerable.Range(0, 200).Count(_ => Granted(sut, "a")));
        Assert.Equal(2, sut.ClientBudget.EffectiveRate, 6);
    }

    [Fact]
    public void OnAnswer_QueueLearnsItsHiddenLimit_SiblingQueuesStartFromIt()
    {
        using var sut = CreateSut(new PacingOptions());
        var first = Send(sut, "a");
        sut.OnAnswer(new ServerAnswer("a", false, first, _time.GetTimestamp()));
        var sibling = Send(sut, "b");
        sut.OnAnswer(new ServerAnswer("b", false, sibling, _time.GetTimestamp()));
        var second = Send(sut, "a");

        // Queue a: one request accepted, then a 429 naming a queue-level limit that resets in 2 s.
        sut.OnAnswer(Throttled("a", second, retryAfter: 2) with { LimitKey = "queue.limit" });

        // Queue b has sent its one for this window too: it waits for its own next window rather than meet a 429.
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("c")).IsAcquired);
        Assert.False(sut.Limiter.AttemptAcquire(new PacingKey("c")).IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(2) + PacingConstants.PauseMargin);
        Assert.True(sut.Limiter.AttemptAcquire(new PacingKey("b")).IsAcquired);
    }

    private long Send(ClientPacing sut, string queue)
    {
        using var lease = sut.Limiter.AttemptAcquire(new PacingKey(queue));
        Assert.True(lease.IsAcquired);
        return _time.GetTimestamp();
    }

    private ServerAnswer Throttled(string queue, long sentAt, int retryAfter)
        => new(queue, true, sentAt, _time.GetTimestamp(), RetryAfter: TimeSpan.FromSeconds(retryAfter));

    private static RateLimitSnapshot Inin(int count, int allowed, int reset)
        => new(allowed, allowed - count, TimeSpan.FromSeconds(reset), null, RateLimitSnapshot.GenesysSource);

    [Fact]
    public void Queue_IdleQueues_AreDroppedSoThatALongRunHoldsOnlyThoseInUse()
    {
        using var sut = CreateSut(new PacingOptions());
        for (var i = 0; i < 50_000; i++)
        {
            Assert.True(Granted(sut, $"q{i}"));
        }

        Assert.Equal(50_000, sut.Queues.Count);

        // Half of them keep sending; the rest go quiet for longer than the idle limit.
        for (var minute = 0; minute <= PacingConstants.QueueIdleEviction.TotalMinutes; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            for (var i = 0; i < 25_000; i++)
            {
                Assert.True(Granted(sut, $"q{i}"));
            }
        }

        Assert.Equal(25_000, sut.Queues.Count);
        Assert.Equal(25_000, sut.EvictedQueues);
        Assert.True(Granted(sut, "q49999"));
        Assert.Equal(25_001, sut.Queues.Count);
    }

    [Fact]
    public void Queue_DroppedQueueComesBack_StartsFromWhatItsSiblingsLearned()
    {
        using var sut = CreateSut(new PacingOptions());
        var first = Send(sut, "a");
        sut.OnAnswer(new ServerAnswer("a", false, first, _time.GetTimestamp()));
        var second = Send(sut, "a");
        sut.OnAnswer(Throttled("a", second, retryAfter: 2) with { LimitKey = "queue.limit" });
        Assert.NotNull(sut.Queue("a").Window.Guess);

        _time.Advance(PacingConstants.QueueIdleEviction + PacingConstants.QueueSweepInterval);
        Assert.True(Granted(sut, "b"));

        Assert.False(sut.Queues.ContainsKey("a"));
        Assert.True(sut.Queue("a").Window.IsAdopted);
    }

    [Fact]
    public void OnAnswer_QueueLimitShownOnce_PacesThatQueueAndItsSiblingsByIt()
    {
        using var sut = CreateSut(new PacingOptions());
        var first = Send(sut, "a");
        sut.OnAnswer(new ServerAnswer("a", false, first, _time.GetTimestamp()));
        Send(sut, "b");
        var second = Send(sut, "a");

        // The queue's limit refused its second send: one send in 2 s, shown once, is what every queue paces by, the one
        // that showed it too (it would otherwise spend a second 429 to confirm it).
        sut.OnAnswer(Throttled("a", second, retryAfter: 2) with { LimitKey = "queue.limit" });
        _time.Advance(TimeSpan.FromSeconds(2.1));

        Assert.True(Granted(sut, "a"));
        Assert.False(Granted(sut, "a"));
        Assert.True(Granted(sut, "b"));
        Assert.False(Granted(sut, "b"));
    }

    [Fact]
    public async Task AcquireAsync_QueueLimitLearnedWhileTheSendWaitedItsTurn_WaitsForTheQueuesWindow()
    {
        // One send at a time: "b" passes its queue's budget while "a" holds the client's only slot.
        using var sut = CreateSut(new PacingOptions(), maxParallelQueues: 1);
        foreach (var queue in new[] { "a", "b" })
        {
            using (var sent = (await sut.AcquireAsync(queue, SendClass.FirstRequest, TestContext.Current.CancellationToken)).Lease)
            {
                Assert.True(sent.IsAcquired);
            }

            sut.OnAnswer(new ServerAnswer(queue, false, _time.GetTimestamp(), _time.GetTimestamp()));
        }

        var a = (await sut.AcquireAsync("a", SendClass.FirstRequest, TestContext.Current.CancellationToken)).Lease;
        var waiting = sut.AcquireAsync("b", SendClass.FirstRequest, TestContext.Current.CancellationToken).AsTask();

        // "a" is refused by its queue's limit, which shows one send in 2 s: "b" has sent one within that already.
        sut.OnAnswer(Throttled("a", _time.GetTimestamp(), retryAfter: 2) with { LimitKey = "queue.limit" });
        a.Dispose();

        // Either it went (the defect) or its queue holds it again: wait for one of the two, not for a time.
        while (!waiting.IsCompleted && sut.Queue("b").Limiter.GetStatistics()!.CurrentQueuedCount == 0)
        {
            await Task.Yield();
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
        }

        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(2.1));
        using var lease = (await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Lease;
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_BeforeAnyAttemptHasEnded_OneSendGoesAloneAndTheOthersWhenItEnds()
    {
        using var sut = CreateSut(new PacingOptions(), maxParallelQueues: 4);
        var first = (await sut.AcquireAsync("a", SendClass.FirstRequest, TestContext.Current.CancellationToken)).Lease;
        Assert.True(first.IsAcquired);

        // Four slots, but nothing has been heard yet: the other queues wait for the first attempt to end.
        var others = new[] { "b", "c" }.Select(q => sut.AcquireAsync(q, SendClass.FirstRequest, TestContext.Current.CancellationToken).AsTask()).ToArray();
        Assert.DoesNotContain(others, o => o.IsCompleted);

        first.Dispose();

        // Then together, in the slots: no fake time passes.
        var leases = await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.All(leases, l => Assert.True(l.Lease.IsAcquired));
        Assert.All(leases, l => Assert.NotNull(l.Grant));
        foreach (var permit in leases)
        {
            permit.Lease.Dispose();
        }
    }

    /// <summary>Takes a permit and ends its send at once, so that only the budgets count, not the in-flight slots.</summary>
    private static bool Granted(ClientPacing sut, string queue)
    {
        using var lease = sut.Limiter.AttemptAcquire(new PacingKey(queue));
        return lease.IsAcquired;
    }

    private ClientPacing CreateSut(PacingOptions options, int maxParallelQueues = 16) => new(options, maxParallelQueues, TimeSpan.FromMinutes(3), _time);
}
