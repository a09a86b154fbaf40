using AdherenceSync.Client;
using AdherenceSync.Pacing;
using AdherenceSync.Redis.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// Whether one client's shared budget can use Redis now. The first failure switches to fallback (warning logged once per
/// outage, counted in <c>adherencesync.redis.fallbacks</c>); every <see cref="RedisBudgetOptions.RecoveryInterval"/> a
/// send tries Redis again, and the first success switches back.
/// </summary>
internal sealed class RedisHealth(
    string client, RedisBudgetOptions options, double? requestsPerMinute, TimeProvider timeProvider, RedisMetrics metrics, ILogger logger)
{
    private readonly Lock _lock = new();
    private bool _inFallback;
    private long _nextProbe;

    /// <summary>Raised when Redis answers again after an outage.</summary>
    public event Action? Restored;

    public bool InFallback
    {
        get
        {
            lock (_lock)
            {
                return _inFallback;
            }
        }
    }

    /// <summary>Gets a value indicating whether a send should ask Redis: always when healthy, once per interval when not.</summary>
    public bool ShouldTryRedis()
    {
        lock (_lock)
        {
            if (!_inFallback)
            {
                return true;
            }

            if (timeProvider.GetTimestamp() < _nextProbe)
            {
                return false;
            }

            ScheduleProbeLocked();
            return true;
        }
    }

    /// <exception cref="SharedBudgetUnavailableException">The fallback mode is <see cref="RedisFallbackMode.Stop"/>.</exception>
    public void OnFailure(Exception exception)
    {
        var reason = $"{exception.GetType().Name}: {exception.Message}";
        if (options.FallbackMode == RedisFallbackMode.Stop)
        {
            Log.Stopping(logger, AdherenceSyncRegistry.DisplayName(client), reason);
            throw new SharedBudgetUnavailableException(
                $"the shared rate budget in Redis is unavailable ({reason}) and RedisBudgetOptions.FallbackMode is Stop", exception);
        }

        lock (_lock)
        {
            ScheduleProbeLocked();
            if (_inFallback)
            {
                return;
            }

            _inFallback = true;
        }

        metrics.FellBack(client);
        if (requestsPerMinute is { } budget)
        {
            Log.FellBack(logger, AdherenceSyncRegistry.DisplayName(client), reason, budget / options.ExpectedInstances, options.ExpectedInstances);
        }
        else
        {
            Log.FellBackUnconfigured(logger, AdherenceSyncRegistry.DisplayName(client), reason);
        }
    }

    /// <summary>
    /// Gets a value indicating whether <paramref name="exception"/> says Redis cannot be used now (unreachable, slow or
    /// gone), rather than that the caller gave up (<paramref name="cancellationToken"/> cancelled).
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken)
        => exception is RedisException or TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public void OnSuccess()
    {
        lock (_lock)
        {
            if (!_inFallback)
            {
                return;
            }

            _inFallback = false;
        }

        Log.Restored(logger, client);
        Restored?.Invoke();
    }

    private void ScheduleProbeLocked()
        => _nextProbe = timeProvider.GetTimestamp() + (long)(options.RecoveryInterval.TotalSeconds * timeProvider.TimestampFrequency);
}
