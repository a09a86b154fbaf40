using System.Collections.Concurrent;
using AdherenceSync.Redis;
using AdherenceSync.Redis.Budget;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace AdherenceSync.Tests.Redis;

/// <summary>The queue window instances give each other. Embedded Garnet (or <c>ADHERENCESYNC_TEST_REDIS</c>).</summary>
public sealed class RedisQueuePriorChannelTests
{
    [Fact]
    public async Task Publish_WhileAnotherRunsAndBeforeOneStarts_BothTakeTheWindowAndTheSenderDoesNot()
    {
        var prefix = TestRedis.NewPrefix();
        using var connection = new RedisConnection(new RedisBudgetOptions { Configuration = await TestRedis.GetAddressAsync(), OperationTimeout = TimeSpan.FromSeconds(10) });
        var sender = new RedisQueuePriorChannel(prefix, "test", connection, new FakeLogger());
        var running = new RedisQueuePriorChannel(prefix, "test", connection, new FakeLogger());
        var here = new ConcurrentQueue<(double, TimeSpan)>();
        var there = new ConcurrentQueue<(double, TimeSpan)>();
        sender.Subscribe((allowed, length) => here.Enqueue((allowed, length)));
        running.Subscribe((allowed, length) => there.Enqueue((allowed, length)));

        // The running instance hears it by the message, or by the key it reads when its subscription is live.
        sender.Publish(8, TimeSpan.FromSeconds(6));
        await Eventually.WaitUntilAsync(() => !there.IsEmpty, TimeSpan.FromSeconds(10), "the running instance never heard the window");

        // One that starts after it was learned reads it from the key.
        var later = new ConcurrentQueue<(double, TimeSpan)>();
        new RedisQueuePriorChannel(prefix, "test", connection, new FakeLogger()).Subscribe((allowed, length) => later.Enqueue((allowed, length)));
        await Eventually.WaitUntilAsync(() => !later.IsEmpty, TimeSpan.FromSeconds(10), "the later instance never read the window");

        Assert.All(there, window => Assert.Equal((8d, TimeSpan.FromSeconds(6)), window));
        Assert.Equal([(8d, TimeSpan.FromSeconds(6))], later);
        Assert.Empty(here);
    }
}
