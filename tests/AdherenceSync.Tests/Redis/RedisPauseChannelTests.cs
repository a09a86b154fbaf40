using System.Collections.Concurrent;
using AdherenceSync.Redis;
using AdherenceSync.Redis.Budget;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AdherenceSync.Tests.Redis;

/// <summary>The pauses instances give each other. Embedded Garnet (or <c>ADHERENCESYNC_TEST_REDIS</c>), fake clock.</summary>
public sealed class RedisPauseChannelTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Publish_AShorterPauseAfterALongerOne_KeepsTheLongerForInstancesThatStartLater()
    {
        var prefix = TestRedis.NewPrefix();
        using var connection = await ConnectAsync();
        var sender = Channel(prefix, connection);
        var heard = new ConcurrentQueue<DateTimeOffset>();
        Channel(prefix, connection).Subscribe((until, _) => heard.Enqueue(until));
        var longer = Time.GetUtcNow().AddSeconds(30);
        var shorter = Time.GetUtcNow().AddSeconds(1);

        // Each pause is heard after its key was written (the key comes first), so the key is read once both were heard.
        sender.Publish(longer);
        await Eventually.WaitUntilAsync(() => heard.Contains(longer), TimeSpan.FromSeconds(10), "the first pause was never heard");
        sender.Publish(shorter);
        await Eventually.WaitUntilAsync(() => heard.Contains(shorter), TimeSpan.FromSeconds(10), "the second pause was never heard");

        Assert.EndsWith($"|{longer.ToUnixTimeMilliseconds()}", await ReadKeyAsync(prefix), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TwoInstances_TheOtherHearsItAndTheSenderDoesNot()
    {
        var prefix = TestRedis.NewPrefix();
        using var connection = await ConnectAsync();
        var sender = Channel(prefix, connection);
        var other = Channel(prefix, connection);
        var here = new ConcurrentQueue<DateTimeOffset>();
        var there = new ConcurrentQueue<DateTimeOffset>();
        sender.Subscribe((until, _) => here.Enqueue(until));
        other.Subscribe((until, _) => there.Enqueue(until));

        // Each hears the other's pause once its subscription is live (by the message, or by the key read when it subscribed).
        var fromOther = Time.GetUtcNow().AddSeconds(1);
        other.Publish(fromOther);
        await Eventually.WaitUntilAsync(() => here.Contains(fromOther), TimeSpan.FromSeconds(10), "the sender never heard the other's pause");
        var fromSender = Time.GetUtcNow().AddSeconds(2);
        sender.Publish(fromSender);
        await Eventually.WaitUntilAsync(() => there.Contains(fromSender), TimeSpan.FromSeconds(10), "the other never heard the sender's pause");

        // Both were subscribed when the sender's went out (one channel, in order): neither heard its own.
        Assert.DoesNotContain(fromSender, here);
        Assert.DoesNotContain(fromOther, there);
    }

    [Fact]
    public async Task Publish_QueuePause_TheOtherHearsItForThatQueueAndNoTokenPauseIsKept()
    {
        var prefix = TestRedis.NewPrefix();
        using var connection = await ConnectAsync();
        var heard = new ConcurrentQueue<(DateTimeOffset Until, string? Queue)>();
        Channel(prefix, connection).Subscribe((until, queue) => heard.Enqueue((until, queue)));
        var sender = Channel(prefix, connection);

        // A queue's pause is not kept for later: it is heard once the other's subscription is live, so it goes again until then.
        var until = Time.GetUtcNow().AddSeconds(3);
        await Eventually.WaitUntilAsync(() => !heard.IsEmpty, TimeSpan.FromSeconds(10), "the queue's pause was never heard", () => sender.Publish(until, "queue|with a bar"));

        Assert.All(heard, pause => Assert.Equal((until, "queue|with a bar"), pause));
        Assert.Null(await ReadKeyAsync(prefix));
    }

    private static async Task<RedisConnection> ConnectAsync()
        => new(new RedisBudgetOptions { Configuration = await TestRedis.GetAddressAsync(), OperationTimeout = TimeSpan.FromSeconds(10) });

    /// <summary>One instance's channel: instances share a channel when they share the prefix.</summary>
    private static RedisPauseChannel Channel(string prefix, RedisConnection connection) => new(prefix, "test", connection, Time, new FakeLogger());

    private static async Task<string?> ReadKeyAsync(string prefix)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(await TestRedis.GetAddressAsync());
        return await redis.GetDatabase().StringGetAsync($"{prefix}:pause-until");
    }
}
