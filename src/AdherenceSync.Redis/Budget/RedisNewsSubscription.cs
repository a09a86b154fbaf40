using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// What instances tell each other on one pub/sub channel, with a key that keeps the latest for those that start later:
/// publishes (the key written first), subscribes once the connection is there (again when Redis comes back after an
/// outage), then reads the key, and hands every message and the key's value to one receiver.
/// </summary>
/// <param name="channel">The channel.</param>
/// <param name="key">The key that keeps the latest news.</param>
/// <param name="client">The registration name, for logs.</param>
/// <param name="connection">The registration's Redis connection.</param>
/// <param name="logger">Where a failed subscription is logged.</param>
internal sealed class RedisNewsSubscription(RedisChannel channel, RedisKey key, string client, RedisConnection connection, ILogger logger)
{
    private Action<RedisValue>? _receive;
    private int _subscribed;

    public RedisChannel Channel => channel;

    public RedisKey Key => key;

    public void Subscribe(Action<RedisValue> receive)
    {
        _receive = receive;
        _ = EnsureSubscribedAsync();
    }

    /// <summary>
    /// Publishes <paramref name="message"/> without waiting, after <paramref name="keep"/> has written the key (when given);
    /// a failure is logged, not thrown.
    /// </summary>
    public void Publish(string message, Func<IDatabase, Task>? keep = null) => _ = PublishAsync(message, keep);

    /// <summary>Subscribes once the connection is there; called again when Redis comes back after an outage.</summary>
    public async Task EnsureSubscribedAsync()
    {
        if (_receive is not { } receive || Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            var redis = await connection.GetAsync().ConfigureAwait(false);
            await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => receive(message)).ConfigureAwait(false);
            if (await redis.GetDatabase().StringGetAsync(key).ConfigureAwait(false) is { HasValue: true } current)
            {
                receive(current);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Volatile.Write(ref _subscribed, 0);
            Log.PublishFailed(logger, client, e.Message);
        }
    }

    private async Task PublishAsync(string message, Func<IDatabase, Task>? keep)
    {
        try
        {
            var redis = await connection.GetAsync().ConfigureAwait(false);
            if (keep is not null)
            {
                await keep(redis.GetDatabase()).ConfigureAwait(false);
            }

            await redis.GetSubscriber().PublishAsync(channel, message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Log.PublishFailed(logger, client, e.Message);
        }
    }
}
