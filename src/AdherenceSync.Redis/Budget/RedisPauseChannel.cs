using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// Publishes and receives the pauses the server asks for (429 + Retry-After) among the instances that share a budget:
/// a message on a pub/sub channel for the running instances, and, for the token's pauses, a key that expires with the
/// pause for those that start during it (and that the shared window reads with its grants); a shorter pause never
/// replaces a longer one there. A message is <c>{sender}|{until ms}</c> for the token's budget and
/// <c>{sender}|{queue}|{until ms}</c> for one queue's (an instance of an earlier version reads no number after its first
/// bar, and ignores it); it carries the sender's id, so that an instance does not receive its own pause back.
/// </summary>
/// <param name="keyBase">The registration's key base, <c>{KeyPrefix}:{registration}</c>.</param>
/// <param name="client">The registration name, for logs.</param>
/// <param name="connection">The registration's Redis connection.</param>
/// <param name="timeProvider">The clock the pauses are measured by.</param>
/// <param name="logger">Where received pauses and failed publications are logged.</param>
internal sealed class RedisPauseChannel(string keyBase, string client, RedisConnection connection, TimeProvider timeProvider, ILogger logger)
{
    // KEYS[1]: the pause key; ARGV: the message, its end (ms), how long it lasts (ms). A pause never shortens a longer one.
    private const string ExtendScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local ends = tonumber(string.match(current, '|(%d+)$'))
          if ends and ends >= tonumber(ARGV[2]) then
            return 0
          end
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """;

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisNewsSubscription _news = new(RedisChannel.Literal($"{keyBase}:pause"), $"{keyBase}:pause-until", client, connection, logger);
    private Action<DateTimeOffset, string?>? _onPause;

    public void Publish(DateTimeOffset until, string? queue = null)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"{_instance}|{(queue is null ? string.Empty : queue + "|")}{until.ToUnixTimeMilliseconds()}");
        var left = until - timeProvider.GetUtcNow();
        _news.Publish(message, left <= TimeSpan.Zero || queue is not null ? null : database => database.ScriptEvaluateAsync(
            ExtendScript, [_news.Key], [message, until.ToUnixTimeMilliseconds(), (long)Math.Ceiling(left.TotalMilliseconds)]));
    }

    public void Subscribe(Action<DateTimeOffset, string?> onPause)
    {
        _onPause = onPause;
        _news.Subscribe(Receive);
    }

    /// <summary>Subscribes once the connection is there; called again when Redis comes back after an outage.</summary>
    public Task EnsureSubscribedAsync() => _news.EnsureSubscribedAsync();

    private void Receive(RedisValue message)
    {
        var text = (string?)message;
        var separator = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (separator < 0 || text.AsSpan(0, separator).SequenceEqual(_instance))
        {
            // Not ours to read, or our own message back.
            return;
        }

        var last = text!.LastIndexOf('|');
        if (!long.TryParse(text.AsSpan(last + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return;
        }

        var queue = last > separator ? text[(separator + 1)..last] : null;
        var until = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        if (until > timeProvider.GetUtcNow())
        {
            Log.PauseReceived(logger, client, queue ?? "every queue", until);
            _onPause?.Invoke(until, queue);
        }
    }
}
