using System.Globalization;
using System.Threading.RateLimiting;
using AdherenceSync.Pacing;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// The token's window kept across every instance, counted in Redis by one Lua script (<see cref="TokenWindowScripts.Grant"/>),
/// so that N instances on one token send together what one would: the window the rate-limit headers show (at most its
/// allowance in the server's current window once they have shown where it ends, else in any span of its length), or,
/// for a server that sends none, the window learned from every instance's 429s (<see cref="Learn"/>). The same script
/// grants nothing while a pause the server gave any instance lasts: the key is read with the grants, so no instance sends
/// into a Retry-After once it was published, whether or not its message has arrived. The headers' window is read from the
/// local model at each send, so that what a later answer shows applies at once. While Redis is unavailable each instance
/// keeps the headers' window divided by the expected instances, and learns from its own 429s.
/// </summary>
/// <remarks>Times are the asking instance's clock in milliseconds, as RedisRateLimiting's are: hosts need synchronized clocks.</remarks>
internal sealed partial class SharedWindowLimiter : RateLimiter
{
    /// <summary>The local fallback's window while the headers show none: every send goes.</summary>
    private static readonly WindowShape Unknown = new(int.MaxValue, RedisBudgetConstants.UnknownWindowKept);

    private readonly RedisKey _key;
    private readonly RedisKey[] _keys;
    private readonly Func<WindowShape?> _window;
    private readonly Func<TimeSpan> _answerTime;
    private readonly RedisConnection _connection;
    private readonly RedisHealth _health;
    private readonly RedisBudgetOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly WindowModel _fallbackWindow;
    private readonly PacingRateLimiter _fallback;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private long _sequence;
    private int _disposed;

    /// <param name="keyBase">The registration's key base, <c>{KeyPrefix}:{registration}</c>: the grants are <c>...:window</c>, the pause <c>...:pause-until</c> (<see cref="RedisPauseChannel"/>), the learned window <c>...:learned</c>, the one place in flight while learning <c>...:in-flight</c>.</param>
    /// <param name="window">The window the headers show now (allowance, length, and its end once they showed it), or <see langword="null"/> while they show none.</param>
    /// <param name="answerTime">How long answers take: a request counts at the server up to that much after its grant.</param>
    /// <param name="connection">The registration's Redis connection.</param>
    /// <param name="health">Whether Redis can be used now, shared by the registration's budgets.</param>
    /// <param name="options">The Redis options.</param>
    /// <param name="maxPauseWait">The longest pause the local fallback waits out.</param>
    /// <param name="timeProvider">The clock.</param>
    public SharedWindowLimiter(
        string keyBase, Func<WindowShape?> window, Func<TimeSpan> answerTime, RedisConnection connection, RedisHealth health, RedisBudgetOptions options, TimeSpan maxPauseWait, TimeProvider timeProvider)
    {
        _key = $"{keyBase}:window";
        _keys = [_key, $"{keyBase}:pause-until", $"{keyBase}:learned", $"{keyBase}:in-flight"];
        _window = window;
        _answerTime = answerTime;
        _connection = connection;
        _health = health;
        _options = options;
        _timeProvider = timeProvider;
        _fallbackWindow = new WindowModel(timeProvider);
        _fallback = new PacingRateLimiter($"{_key} (local fallback)", timeProvider, double.PositiveInfinity, 1, maxPauseWait, null, _fallbackWindow);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var window = _window();
        var (args, member) = Arguments(window, permitCount);
        if (_health.InFallback || Evaluate(TokenWindowScripts.Grant, _keys, args) is not { } result)
        {
            return Fallback(window ?? Unknown).AttemptAcquire(permitCount);
        }

        return Lease(result, member) ?? PacingLease.Rejected(TimeSpan.FromMilliseconds(result), "the window shared with the other instances is spent");
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var window = _window();
            if (!_health.ShouldTryRedis())
            {
                return await Fallback(window ?? Unknown).AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }

            var (args, member) = Arguments(window, permitCount);
            long result;
            try
            {
                result = await TakeAsync(args).WaitAsync(_options.OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisHealth.IsUnavailable(e, cancellationToken))
            {
                _health.OnFailure(e);
                continue;
            }

            _health.OnSuccess();
            if (Lease(result, member) is { } lease)
            {
                return lease;
            }

            // The window may change meanwhile (learned lower or higher): ask again at the latest after one length.
            var wait = TimeSpan.FromMilliseconds(result);
            var length = window?.Length ?? RedisBudgetConstants.UnknownWindowKept;
            await Task.Delay(wait < length ? wait : length, _timeProvider, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Runs a script on the synchronous path, which waits for the first connection as long as one Redis operation may
    /// take; <see langword="null"/> when Redis cannot be used now (the health notes it, and in
    /// <see cref="RedisFallbackMode.Stop"/> throws).
    /// </summary>
    private long? Evaluate(string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            var connecting = _connection.GetAsync();
            if (!connecting.Wait(_options.OperationTimeout))
            {
                throw new TimeoutException($"no connection to Redis within {_options.OperationTimeout.TotalMilliseconds:F0} ms");
            }

            var result = (long)connecting.Result.GetDatabase().ScriptEvaluate(script, keys, args);
            _health.OnSuccess();
            return result;
        }
        catch (Exception e) when (RedisHealth.IsUnavailable(e, CancellationToken.None) || e is AggregateException { InnerException: { } inner } && RedisHealth.IsUnavailable(inner, CancellationToken.None))
        {
            _health.OnFailure(e);
            return null;
        }
    }

    private async Task<long> TakeAsync(RedisValue[] args)
    {
        var redis = await _connection.GetAsync().ConfigureAwait(false);
        return (long)await redis.GetDatabase().ScriptEvaluateAsync(TokenWindowScripts.Grant, _keys, args).ConfigureAwait(false);
    }

    /// <summary>The lease of a granted send (0), or of one granted the one place in flight (-1); none for a wait.</summary>
    private RateLimitLease? Lease(long result, string member) => result switch
    {
        0 => Granted.Instance,
        < 0 => new InFlightLease(this, member),
        _ => null,
    };

    /// <remarks>
    /// The server counts fixed windows. Once the headers have shown where the current one ends, the sends counted are
    /// those since its start (less <see cref="RedisBudgetConstants.WindowStartMargin"/> of the length, for requests granted
    /// just before it that reached the server after, and for instances whose estimates differ a little), not those of the
    /// last length; and a full window waits until it ends, not until its oldest send is a length old. While the headers
    /// show no window, the allowance is 0: the script keeps the window learned from 429s.
    /// </remarks>
    private (RedisValue[] Arguments, string Member) Arguments(WindowShape? shown, int permits)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var window = shown ?? Unknown;
        var length = Milliseconds(window.Length);
        var ends = window.Ends?.ToUnixTimeMilliseconds() is { } end && end > now ? end : 0;
        var start = ends > 0 ? ends - length - (long)(length * RedisBudgetConstants.WindowStartMargin) : 0;
        var member = string.Create(CultureInfo.InvariantCulture, $"{_instance}:{Interlocked.Increment(ref _sequence)}");
        return (
        [
            now,
            length,
            shown is null ? 0 : Math.Max(1, Math.Floor(window.Allowed)),
            permits,
            member,
            start,
            ends,
            Milliseconds(_answerTime()),
            Milliseconds(RedisBudgetConstants.InFlightHeldAtMost),
            .. LearningArguments,
        ], member);
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
