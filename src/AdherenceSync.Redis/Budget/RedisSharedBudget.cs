using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using AdherenceSync.Pacing;
using AdherenceSync.Redis.Telemetry;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// The budget of one registration shared through Redis: the configured client ceiling, the queue ceilings when they are
/// set and shared, the token's window (as the headers show it, or as every instance's 429s taught it), kept across every
/// instance, and the pauses. Keys are <c>{KeyPrefix}:{registration}:client</c>, <c>...:queue:{queueId}</c>,
/// <c>...:window</c> (the grants in the current span), <c>...:learned</c> (the window learned from 429s),
/// <c>...:in-flight</c> (the one request in flight while it is learned), <c>...:pause-until</c> and <c>...:queue-learned</c>.
/// </summary>
/// <remarks>
/// A queue's hidden limit is paced per instance, on the local budgets before the shared ones; what one instance learns of it
/// becomes every instance's first guess for its queues (<see cref="RedisQueuePriorChannel"/>, <c>...:queue-learned</c>), and a
/// 429 on a queue pauses that queue on every instance. The token's window learned from 429s is learned from every instance's grants, so it is the token's allowance, not one
/// instance's share: every instance paces by it, and one that starts later begins from it. A 429 on any instance pauses
/// all of them.
/// </remarks>
internal sealed class RedisSharedBudget : ISharedBudget
{
    private readonly string _prefix;
    private readonly double _queueRate;
    private readonly bool _shareQueues;
    private readonly RedisConnection _connection;
    private readonly RedisHealth _health;
    private readonly RedisBudgetOptions _options;
    private readonly TimeSpan _maxPauseWait;
    private readonly TimeProvider _timeProvider;
    private readonly RedisPauseChannel _pauses;
    private readonly RedisQueuePriorChannel _priors;
    private readonly RedisMetrics _metrics;
    private readonly string _client;
    private readonly SharedPause _pause;
    private readonly ConcurrentDictionary<string, SharedRateLimiter> _queues = new(StringComparer.Ordinal);
    private SharedWindowLimiter? _window;

    public RedisSharedBudget(
        string client, AdherenceSyncOptions clientOptions, RedisBudgetOptions options, RedisConnection connection, RedisMetrics metrics, TimeProvider timeProvider, ILogger logger)
    {
        _client = client;
        _prefix = $"{options.KeyPrefix}:{(client.Length == 0 ? "default" : client)}";
        _options = options;
        _connection = connection;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _maxPauseWait = clientOptions.Retry.MaxRetryAfter;
        _queueRate = clientOptions.Pacing.QueueRequestsPerMinute is { } perQueue ? perQueue / 60d : 0;
        _shareQueues = options.ShareQueueBudgets && _queueRate > 0;
        _pause = new SharedPause(timeProvider);
        _health = new RedisHealth(client, options, clientOptions.Pacing.RequestsPerMinute, timeProvider, metrics, logger);
        // Logs name the registration as the client's own do ("default" for the unnamed one).
        var displayName = AdherenceSync.Client.AdherenceSyncRegistry.DisplayName(client);
        _pauses = new RedisPauseChannel(_prefix, displayName, connection, timeProvider, logger);
        _priors = new RedisQueuePriorChannel(_prefix, displayName, connection, logger);
        _health.Restored += () =>
        {
            _ = _pauses.EnsureSubscribedAsync();
            _ = _priors.EnsureSubscribedAsync();
        };
        ClientLimiter = clientOptions.Pacing.RequestsPerMinute is { } perMinute
            ? new SharedRateLimiter($"{_prefix}:client", perMinute / 60d, connection, _health, options, _maxPauseWait, _pause, timeProvider)
            : null;
        metrics.Track(client, () => _health.InFallback);
    }

    public RateLimiter? ClientLimiter { get; }

    public RateLimiter? QueueLimiter(string queue)
        => _shareQueues
            ? _queues.GetOrAdd(queue, q => new SharedRateLimiter($"{_prefix}:queue:{q}", _queueRate, _connection, _health, _options, _maxPauseWait, _pause, _timeProvider))
            : null;

    public void PublishPause(DateTimeOffset until, string? queue = null)
    {
        HoldSharedSends(until, queue);
        _pauses.Publish(until, queue);
    }

    public void PublishQueuePrior(double allowed, TimeSpan length) => _priors.Publish(allowed, length);

    public void Subscribe(Action<DateTimeOffset, string?> onPause, Action<double, TimeSpan> onQueuePrior)
    {
        _pauses.Subscribe((until, queue) =>
        {
            HoldSharedSends(until, queue);
            onPause(until, queue);
        });
        _priors.Subscribe(onQueuePrior);
    }

    public RateLimiter WindowLimiter(Func<WindowShape?> window, Func<TimeSpan> answerTime)
        => _window ??= new SharedWindowLimiter(_prefix, window, answerTime, _connection, _health, _options, _maxPauseWait, _timeProvider);

    public bool? Learn(DateTimeOffset sent, DateTimeOffset reset) => _window?.Learn(sent, reset);

    public void Dispose()
    {
        _metrics.Untrack(_client);
        ClientLimiter?.Dispose();
        _window?.Dispose();
        foreach (var queue in _queues.Values)
        {
            queue.Dispose();
        }
    }

    /// <summary>A pause of the token's budget also holds the sends waiting on Redis; a queue's pause holds only that queue, locally.</summary>
    private void HoldSharedSends(DateTimeOffset until, string? queue)
    {
        if (queue is null)
        {
            _pause.Extend(until);
        }
    }
}
