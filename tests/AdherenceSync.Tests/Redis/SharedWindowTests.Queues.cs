using AdherenceSync.Pacing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Redis;

/// <content>What instances on one token share of the queues: a queue's pause, and the first guess of its hidden limit.</content>
public sealed partial class SharedWindowTests
{
    [Fact]
    public async Task OnAnswer_QueueThrottledOnOneInstance_TheOtherPausesThatQueueAndStartsItsQueuesFromItsWindow()
    {
        var one = await CreateAsync();
        var other = await CreateAsync();
        var late = other.Queue("late");

        // One instance's queue q1 had 5 accepted, then a 429 that names a limit that is not the token's.
        for (var i = 0; i < 5; i++)
        {
            one.OnAnswer(new ServerAnswer("q1", false, _time.GetTimestamp(), _time.GetTimestamp()));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(ThrottleScope.Queue, QueueThrottled(one).Scope);

        // The other instance starts its queues from that window: one it already had, and one it meets afterwards.
        await Eventually.WaitUntilAsync(() => late.Limiter.Read(_ => late.Window.IsAdopted), TimeSpan.FromSeconds(10), "the other instance never took the queue window");
        Assert.Equal(5, late.Limiter.Read(_ => late.Window.Allowed));
        var fresh = other.Queue("fresh");
        Assert.Equal(5, fresh.Limiter.Read(_ => fresh.Window.Allowed));

        // The queue's pause reaches the other instance once its subscription is live (a pause is not kept for later).
        await Eventually.WaitUntilAsync(() => other.Queue("q1").IsPaused, TimeSpan.FromSeconds(10), "the other instance never paused q1", () => QueueThrottled(one));
        Assert.False(other.ClientBudget.IsPaused);
        Assert.False(other.Queue("q2").IsPaused);
    }

    private ThrottleDecision QueueThrottled(ClientPacing pacing)
        => pacing.OnAnswer(new ServerAnswer("q1", true, _time.GetTimestamp(), _time.GetTimestamp(), RetryAfter: TimeSpan.FromSeconds(6), LimitKey: "wfm.queue.write.rate"))!.Value;
}
