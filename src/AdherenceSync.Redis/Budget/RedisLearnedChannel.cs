using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// Shares the window an instance learned from 429s (its allowance and length) with the others on the token: a message on
/// a pub/sub channel for the running instances, and a key for those that start later, which outlives the process and
/// expires after <see cref="RedisBudgetConstants.LearnedWindowsKept"/> windows (at least a minute) without news. A message
/// carries the sender's id, so that an instance does not receive its own window back.
/// </summary>
/// <param name="keyBase">The registration's key base, <c>{KeyPrefix}:{registration}</c>.</param>
/// <param name="client">The registration name, for logs.</param>
/// <param name="connection">The registration's Redis connection.</param>
/// <param name="logger">Where received windows and failed publications are logged.</param>
internal sealed class RedisLearnedChannel(string keyBase, string client, RedisConnection connection, ILogger logger)
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal($"{keyBase}:learned");
    private readonly RedisKey _key = $"{keyBase}:learned";
    private Action<double, TimeSpan>? _onLearned;
    private int _subscribed;

    public void Publish(double allowed, TimeSpan length) => _ = PublishAsync(allowed, length);

    public void Subscribe(Action<double, TimeSpan> onLearned)
    {
        _onLearned = onLearned;
        _ = EnsureSubscribedAsync();
    }

    /// <summary>Subscribes once the connection is there, and takes what was kept; called again when Redis comes back.</summary>
    public async Task EnsureSubscribedAsync()
    {
        if (_onLearned is null || Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            var redis = await connection.GetAsync().ConfigureAwait(false);
            await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => Receive(message)).ConfigureAwait(false);
            if (await redis.GetDatabase().StringGetAsync(_key).ConfigureAwait(false) is { HasValue: true } kept)
            {
                Receive(kept);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Volatile.Write(ref _subscribed, 0);
            Log.PublishFailed(logger, client, e.Message);
        }
    }

    private async Task PublishAsync(double allowed, TimeSpan length)
    {
        try
        {
            var redis = await connection.GetAsync().ConfigureAwait(false);
            var message = string.Create(CultureInfo.InvariantCulture, $"{_instance}|{allowed}|{(long)Math.Ceiling(length.TotalMilliseconds)}");
            var kept = TimeSpan.FromTicks(Math.Max(RedisBudgetConstants.MinLearnedExpiry.Ticks, length.Ticks * RedisBudgetConstants.LearnedWindowsKept));
            await redis.GetDatabase().StringSetAsync(_key, message, kept).ConfigureAwait(false);
            await redis.GetSubscriber().PublishAsync(_channel, message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Log.PublishFailed(logger, client, e.Message);
        }
    }

    private void Receive(RedisValue message)
    {
        var parts = ((string?)message)?.Split('|');
        if (parts is not { Length: 3 } || parts[0] == _instance
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var allowed) || allowed < 1
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds <= 0)
        {
            return;
        }

        Log.LearnedReceived(logger, client, allowed, TimeSpan.FromMilliseconds(milliseconds));
        _onLearned?.Invoke(allowed, TimeSpan.FromMilliseconds(milliseconds));
    }
}
