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
        Channel(prefix, connection).Subscribe(heard.Enqueue);
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
    public async Task PublishReleased_AnotherInstance_HearsItAsNoPause()
    {
        var prefix = TestRedis.NewPrefix();
        using var connection = await ConnectAsync();
        var sender = Channel(prefix, connection);
        var other = Channel(prefix, connection);
        var releasedHere = 0;
        var releasedThere = 0;
        var pauses = new ConcurrentQueue<DateTimeOffset>();
        sender.SubscribeReleased(() => Interlocked.Increment(ref releasedHere));
        sender.Subscribe(_ => { });
        other.SubscribeReleased(() => Interlocked.Increment(ref releasedThere));
        other.Subscribe(pauses.Enqueue);

        // A pause heard first says that both subscriptions are in place (pub/sub keeps nothing for a late subscriber); it
        // may be heard twice, from its message and from its key read at subscription.
        var pause = Time.GetUtcNow().AddSeconds(1);
        sender.Publish(pause);
        await Eventually.WaitUntilAsync(() => pauses.Contains(pause), TimeSpan.FromSeconds(10), "the pause was never heard");
        sender.PublishReleased();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref releasedThere) > 0, TimeSpan.FromSeconds(10), "the release was never heard");

        // The other instance heard it once, as a release and not as a pause; the sender did not hear itself.
        Assert.Equal((1, 0), (Volatile.Read(ref releasedThere), Volatile.Read(ref releasedHere)));
        Assert.All(pauses, heard => Assert.Equal(pause, heard));
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
