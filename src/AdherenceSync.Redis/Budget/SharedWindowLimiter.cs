using System.Globalization;
using System.Threading.RateLimiting;
using AdherenceSync.Pacing;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// The token's window as the rate-limit headers show it, kept across every instance: at most its allowance in the
/// server's current window once the headers have shown where it ends (else in any span of its length), counted in Redis by
/// one Lua script, so that N instances on one token send together what one would. The same script grants nothing while a
/// pause the server gave any instance lasts: the key is read with the grants, so no instance sends into a Retry-After once
/// it was published, whether or not its message has arrived. While
/// no window is known it lets every send through and still counts it; the window is read from the local model at each
/// send, so that what a later answer shows applies at once. While Redis is unavailable each instance keeps the window
/// divided by the expected instances.
/// </summary>
/// <remarks>Times are the asking instance's clock in milliseconds, as RedisRateLimiting's are: hosts need synchronized clocks.</remarks>
internal sealed class SharedWindowLimiter : RateLimiter
{
    // KEYS[1]: the sorted set of grants; KEYS[2]: the pause another instance was given ("{instance}|{until ms}"); ARGV: now (ms), span (ms), allowance, permits, member prefix, the start of the
    // server's current window less a margin (ms; 0 when unknown), its end (ms; 0 when unknown).
    private const string Script = """
        local now = tonumber(ARGV[1])
        local span = tonumber(ARGV[2])
        local allowed = tonumber(ARGV[3])
        local permits = tonumber(ARGV[4])
        local start = tonumber(ARGV[6])
        local ends = tonumber(ARGV[7])
        local pause = redis.call('GET', KEYS[2])
        if pause then
          local untilMs = tonumber(string.match(pause, '|(%d+)$'))
          if untilMs and untilMs > now then
            return untilMs - now
          end
        end
        if ends > 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. start)
        else
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
        end
        local count = redis.call('ZCARD', KEYS[1])
        if count + permits <= allowed then
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i)
          end
          redis.call('PEXPIRE', KEYS[1], span * 2)
          return 0
        end
        local index = count + permits - allowed - 1
        if index < 0 then index = 0 end
        local oldest = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
        if ends > now then
          return math.max(1, ends - now)
        end
        return math.max(1, tonumber(oldest[2]) + span - now)
        """;

    /// <summary>
    /// While no window is known every send goes, and is still counted for <see cref="RedisBudgetConstants.UnknownWindowKept"/>,
    /// so that the sends made before the first answer count against the window it then shows.
    /// </summary>
    private static readonly WindowShape Unknown = new(int.MaxValue, RedisBudgetConstants.UnknownWindowKept);

    private readonly RedisKey _key;
    private readonly RedisKey _pauseKey;
    private readonly Func<WindowShape?> _window;
    private readonly RedisConnection _connection;
    private readonly RedisHealth _health;
    private readonly RedisBudgetOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SlidingWindowSource _fallbackWindow = new();
    private readonly PacingRateLimiter _fallback;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private long _sequence;
    private int _disposed;

    /// <param name="key">The sorted set's key, the same on every instance that shares the window.</param>
    /// <param name="pauseKey">The key of the pause the server gave any instance (<see cref="RedisPauseChannel"/>): no permit is granted before it ends.</param>
    /// <param name="window">The window to keep now (allowance, length, and its end once headers showed it), or <see langword="null"/> while none is known.</param>
    /// <param name="connection">The registration's Redis connection.</param>
    /// <param name="health">Whether Redis can be used now, shared by the registration's budgets.</param>
    /// <param name="options">The Redis options.</param>
    /// <param name="maxPauseWait">The longest pause the local fallback waits out.</param>
    /// <param name="timeProvider">The clock.</param>
    public SharedWindowLimiter(
        string key, string pauseKey, Func<WindowShape?> window, RedisConnection connection, RedisHealth health, RedisBudgetOptions options, TimeSpan maxPauseWait, TimeProvider timeProvider)
    {
        _key = key;
        _pauseKey = pauseKey;
        _window = window;
        _connection = connection;
        _health = health;
        _options = options;
        _timeProvider = timeProvider;
        _fallback = new PacingRateLimiter($"{key} (local fallback)", timeProvider, double.PositiveInfinity, 1, maxPauseWait, null, _fallbackWindow);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var window = _window() ?? Unknown;

        if (_health.InFallback)
        {
            return Fallback(window).AttemptAcquire(permitCount);
        }

        try
        {
            // The synchronous path waits for the first connection, as long as one Redis operation may take.
            var connecting = _connection.GetAsync();
            if (!connecting.Wait(_options.OperationTimeout))
            {
                throw new TimeoutException($"no connection to Redis within {_options.OperationTimeout.TotalMilliseconds:F0} ms");
            }

            var wait = TimeSpan.FromMilliseconds((long)connecting.Result.GetDatabase().ScriptEvaluate(Script, [_key, _pauseKey], Arguments(window, permitCount)));
            _health.OnSuccess();
            return wait <= TimeSpan.Zero ? Granted.Instance : PacingLease.Rejected(wait, "the window shared with the other instances is spent");
        }
        catch (Exception e) when (RedisHealth.IsUnavailable(e, CancellationToken.None) || e is AggregateException { InnerException: { } inner } && RedisHealth.IsUnavailable(inner, CancellationToken.None))
        {
            _health.OnFailure(e);
            return Fallback(window).AttemptAcquire(permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var window = _window() ?? Unknown;

            if (!_health.ShouldTryRedis())
            {
                return await Fallback(window).AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }

            TimeSpan wait;
            try
            {
                wait = await TakeAsync(window, permitCount).WaitAsync(_options.OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisHealth.IsUnavailable(e, cancellationToken))
            {
                _health.OnFailure(e);
                continue;
            }

            _health.OnSuccess();
            if (wait <= TimeSpan.Zero)
            {
                return Granted.Instance;
            }

            // The window may change meanwhile (learned lower or higher): ask again at the latest after one length.
            await Task.Delay(wait < window.Length ? wait : window.Length, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<TimeSpan> TakeAsync(WindowShape window, int permits)
    {
        var redis = await _connection.GetAsync().ConfigureAwait(false);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Script, [_key, _pauseKey], Arguments(window, permits)).ConfigureAwait(false);
        return TimeSpan.FromMilliseconds((long)result);
    }

    /// <remarks>
    /// The server counts fixed windows. Once the headers have shown where the current one ends, the sends counted are
    /// those since its start (less <see cref="RedisBudgetConstants.WindowStartMargin"/> of the length, for requests granted
    /// just before it that reached the server after, and for instances whose estimates differ a little), not those of the
    /// last length; and a full window waits until it ends, not until its oldest send is a length old.
    /// </remarks>
    private RedisValue[] Arguments(WindowShape window, int permits)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var length = (long)Math.Ceiling(window.Length.TotalMilliseconds);
        var ends = window.Ends?.ToUnixTimeMilliseconds() is { } end && end > now ? end : 0;
        var start = ends > 0 ? ends - length - (long)(length * RedisBudgetConstants.WindowStartMargin) : 0;
        return
        [
            now,
            length,
            Math.Max(1, Math.Floor(window.Allowed)),
            permits,
            string.Create(CultureInfo.InvariantCulture, $"{_instance}:{Interlocked.Increment(ref _sequence)}"),
            start,
            ends,
        ];
    }

    /// <summary>The local fallback keeps this instance's share of the window: the allowance divided by the expected instances.</summary>
    private PacingRateLimiter Fallback(WindowShape window)
    {
        var share = Math.Max(1, Math.Floor(window.Allowed / _options.ExpectedInstances));
        var ticks = (long)(window.Length.TotalSeconds * _timeProvider.TimestampFrequency);
        _fallback.Update(_ => _fallbackWindow.Learn(share, ticks));
        return _fallback;
    }

    /// <summary>A granted permit: nothing to give back, since the shared window counts a send for its whole span.</summary>
    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
