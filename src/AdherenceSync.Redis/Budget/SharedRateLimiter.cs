using System.Threading.RateLimiting;
using AdherenceSync.Pacing;
using RedisRateLimiting;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// One shared budget (the client's, or one queue's): a <see cref="RedisTokenBucketRateLimiter{TKey}"/> from the
/// RedisRateLimiting package, which every instance draws from, behind the <see cref="RateLimiter"/> abstraction the
/// pacing chain expects. While Redis is unavailable it paces locally at the rate divided by the expected instances.
/// </summary>
/// <remarks>
/// RedisRateLimiting answers at once, acquired or not, and says nothing of when to try again; a waiting send therefore
/// asks again after a fraction of the replenishment period. Its bucket refills on the millisecond clock of the instance
/// that asks, so instances on different hosts need synchronized clocks.
/// </remarks>
internal sealed class SharedRateLimiter : RateLimiter
{
    private readonly string _key;
    private readonly RedisConnection _connection;
    private readonly RedisHealth _health;
    private readonly RedisBudgetOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly PacingRateLimiter _fallback;
    private readonly RedisTokenBucketRateLimiterOptions _bucket;
    private readonly TimeSpan _pollInterval;
    private readonly SharedPause _pause;
    private readonly TimeSpan _maxPauseWait;
    private RedisTokenBucketRateLimiter<string>? _redis;
    private int _disposed;

    /// <param name="key">The partition key in Redis, the same on every instance that shares the budget.</param>
    /// <param name="permitsPerSecond">The budget's rate.</param>
    /// <param name="connection">The registration's Redis connection.</param>
    /// <param name="health">Whether Redis can be used now, shared by the registration's budgets.</param>
    /// <param name="options">The Redis options.</param>
    /// <param name="maxPauseWait">The longest pause the local fallback waits out (the client's MaxRetryAfter).</param>
    /// <param name="pause">The registration's shared pause, which sends hold for before and after taking a permit.</param>
    /// <param name="timeProvider">The clock of waits and of the local fallback.</param>
    public SharedRateLimiter(
        string key, double permitsPerSecond, RedisConnection connection, RedisHealth health, RedisBudgetOptions options, TimeSpan maxPauseWait, SharedPause pause, TimeProvider timeProvider)
    {
        _pause = pause;
        _maxPauseWait = maxPauseWait;
        _key = key;
        _connection = connection;
        _health = health;
        _options = options;
        _timeProvider = timeProvider;
        _bucket = Bucket(permitsPerSecond);
        _pollInterval = TimeSpan.FromTicks(Math.Clamp(
            _bucket.ReplenishmentPeriod.Ticks / 4, RedisBudgetConstants.MinPollInterval.Ticks, RedisBudgetConstants.MaxPollInterval.Ticks));
        var local = permitsPerSecond / options.ExpectedInstances;
        _fallback = new PacingRateLimiter($"{key} (local fallback)", timeProvider, local, RedisBudgetConstants.BurstFor(local), maxPauseWait);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// Spreads the rate over periods of at most 100 ms: one permit per period below 10 a second, else a tenth of a
    /// second's worth. The bucket holds at most half a second of sends, as the local budgets do.
    /// </summary>
    internal static RedisTokenBucketRateLimiterOptions Bucket(double permitsPerSecond)
    {
        var perPeriod = permitsPerSecond < 10 ? 1 : (int)Math.Round(permitsPerSecond / 10);
        var period = TimeSpan.FromSeconds(perPeriod / permitsPerSecond);
        return new RedisTokenBucketRateLimiterOptions
        {
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            TokenLimit = (int)Math.Max(perPeriod, RedisBudgetConstants.BurstFor(permitsPerSecond)),
        };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
        => _health.InFallback || _redis is null ? _fallback.AttemptAcquire(permitCount) : TryRedis(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false) is { } rejected)
            {
                return rejected;
            }

            if (!_health.ShouldTryRedis())
            {
                return await _fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }

            RateLimitLease lease;
            try
            {
                var redis = _redis ?? await CreateRedisLimiterAsync(cancellationToken).ConfigureAwait(false);

                // RedisRateLimiting does not observe the token; the wait does, and bounds a Redis that answers slowly.
                lease = await redis.AcquireAsync(permitCount, CancellationToken.None).AsTask()
                    .WaitAsync(_options.OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisHealth.IsUnavailable(e, cancellationToken))
            {
                _health.OnFailure(e);
                continue;
            }

            _health.OnSuccess();
            if (lease.IsAcquired)
            {
                // A pause that began while this send waited for Redis holds it too; the permit is kept for after it.
                return await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false) ?? lease;
            }

            lease.Dispose();
            await Task.Delay(_pollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _redis?.Dispose();
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <returns><see langword="null"/> once no pause is left; a refused lease when the pause is longer than the client waits.</returns>
    private async ValueTask<RateLimitLease?> WaitOutPauseAsync(CancellationToken cancellationToken)
    {
        for (var left = _pause.Remaining; left > TimeSpan.Zero; left = _pause.Remaining)
        {
            if (left > _maxPauseWait)
            {
                return PacingLease.Rejected(left, $"the shared budget is paused for {left.TotalSeconds:F0} s by the server's Retry-After");
            }

            await Task.Delay(left, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<RedisTokenBucketRateLimiter<string>> CreateRedisLimiterAsync(CancellationToken cancellationToken)
    {
        var connection = await _connection.GetAsync().WaitAsync(_options.OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        var bucket = new RedisTokenBucketRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => connection,
            TokensPerPeriod = _bucket.TokensPerPeriod,
            ReplenishmentPeriod = _bucket.ReplenishmentPeriod,
            TokenLimit = _bucket.TokenLimit,
        };
        var created = new RedisTokenBucketRateLimiter<string>(_key, bucket);
        return Interlocked.CompareExchange(ref _redis, created, null) ?? created;
    }

    private RateLimitLease TryRedis(int permitCount)
    {
        try
        {
            var lease = _redis!.AttemptAcquire(permitCount);
            _health.OnSuccess();
            return lease;
        }
        catch (Exception e) when (RedisHealth.IsUnavailable(e, CancellationToken.None))
        {
            _health.OnFailure(e);
            return _fallback.AttemptAcquire(permitCount);
        }
    }
}
