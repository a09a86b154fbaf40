using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// Shares the window a queue's hidden limit showed (the first guess every queue starts from) among the instances of a
/// registration: a message on a pub/sub channel for the running instances, and a key <c>{keyBase}:queue-learned</c> for
/// those that start later, kept for <see cref="RedisBudgetConstants.LearnedWindowsKept"/> windows (a minute at least,
/// <see cref="RedisBudgetConstants.UnknownWindowKept"/>) after it was last learned, as the token's learned window is. A message is <c>{sender}|{allowed}|{length ms}</c>; an instance does not take its own back.
/// </summary>
/// <param name="keyBase">The registration's key base, <c>{KeyPrefix}:{registration}</c>.</param>
/// <param name="client">The registration name, for logs.</param>
/// <param name="connection">The registration's Redis connection.</param>
/// <param name="logger">Where received windows and failed publications are logged.</param>
internal sealed class RedisQueuePriorChannel(string keyBase, string client, RedisConnection connection, ILogger logger)
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisNewsSubscription _news = new(RedisChannel.Literal($"{keyBase}:queue-learned"), $"{keyBase}:queue-learned", client, connection, logger);
    private Action<double, TimeSpan>? _onPrior;

    public void Publish(double allowed, TimeSpan length)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"{_instance}|{allowed}|{(long)Math.Ceiling(length.TotalMilliseconds)}");
        var kept = length * RedisBudgetConstants.LearnedWindowsKept;
        _news.Publish(message, database => database.StringSetAsync(_news.Key, message, kept > RedisBudgetConstants.UnknownWindowKept ? kept : RedisBudgetConstants.UnknownWindowKept));
    }

    public void Subscribe(Action<double, TimeSpan> onPrior)
    {
        _onPrior = onPrior;
        _news.Subscribe(Receive);
    }

    /// <summary>Subscribes once the connection is there; called again when Redis comes back after an outage.</summary>
    public Task EnsureSubscribedAsync() => _news.EnsureSubscribedAsync();

    private void Receive(RedisValue message)
    {
        var parts = ((string?)message)?.Split('|');
        if (parts is not [var sender, var allowedText, var lengthText] || sender == _instance
            || !double.TryParse(allowedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var allowed)
            || !long.TryParse(lengthText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            || allowed < 1 || milliseconds <= 0)
        {
            // Not ours to read, or our own window back.
            return;
        }

        var length = TimeSpan.FromMilliseconds(milliseconds);
        Log.QueuePriorReceived(logger, client, allowed, length);
        _onPrior?.Invoke(allowed, length);
    }
}
