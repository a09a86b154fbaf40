using AdherenceSync.Pacing;
using AdherenceSync.Redis;
using AdherenceSync.Redis.Budget;
using AdherenceSync.Redis.Telemetry;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// Replicas on one token pace as one: the window the headers show is kept across every instance in Redis. Embedded Garnet (or
/// <c>ADHERENCESYNC_TEST_REDIS</c>), fake clock.
/// </summary>
public sealed partial class SharedWindowTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly RedisMetrics _metrics = new(null);
    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly List<IDisposable> _owned = [];
    private readonly FakeLogger _log = new();
    private WindowShape? _shown;
    private StackExchange.Redis.ConnectionMultiplexer? _redis;

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        _metrics.Dispose();
    }

    [Fact]
    public async Task Acquire_ThreeInstancesShownOneWindowByHeaders_SendTogetherWhatOneWould()
    {
        var instances = new[] { await CreateAsync(), await CreateAsync(), await CreateAsync() };

        // Each instance sends once before it knows anything (one at a time for the token: nothing is known yet), and the
        // server's headers count all three: 10 every 6 s.
        for (var i = 0; i < 3; i++)
        {
            var sent = await SendAloneAsync(instances[i], $"q{i}");
            instances[i].OnAnswer(new ServerAnswer($"q{i}", false, sent, _time.GetTimestamp(), new RateLimitSnapshot(10, 10 - (i + 1), TimeSpan.FromSeconds(6), null, RateLimitSnapshot.GenesysSource)));
        }

        // Alone, each would send what its own answer said was left (9, 8 and 7); together they send the 7 left.
        Assert.Equal(7, Enumerable.Range(0, 45).Count(i => Granted(instances[i % 3], $"q{i % 3}")));

        // The next window: 10, together.
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(10, Enumerable.Range(0, 45).Count(i => Granted(instances[i % 3], $"q{i % 3}")));
    }

    [Fact]
    public async Task AttemptAcquire_NextFixedWindowOfTheHeaders_IsWholeAtItsStartWhateverTheSendsAtTheEndOfTheLast()
    {
        // The server's window runs [t0, t0 + 6 s); its 4 went 1 s in. A span of one length would hold them until t0 + 7 s.
        var t0 = _time.GetUtcNow();
        var window = new WindowShape(4, TimeSpan.FromSeconds(6), t0 + TimeSpan.FromSeconds(6));
        var sut = await CreateWindowAsync(() => window);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, Enumerable.Range(0, 6).Count(_ => Granted(sut)));

        _time.Advance(TimeSpan.FromSeconds(5));
        window = window with { Ends = t0 + TimeSpan.FromSeconds(12) };

        Assert.Equal(4, Enumerable.Range(0, 6).Count(_ => Granted(sut)));
    }

    [Fact]
    public async Task AttemptAcquire_WindowFullWithSendsGrantedJustBeforeItsStart_WaitsUntilItsEnd()
    {
        // Four sends granted 0.3 s before the window the headers then show (they reached the server after it began).
        var sut = await CreateWindowAsync(() => _shown);
        Assert.Equal(4, Enumerable.Range(0, 4).Count(_ => Granted(sut)));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        _shown = new WindowShape(4, TimeSpan.FromSeconds(6), _time.GetUtcNow() + TimeSpan.FromSeconds(6));

        using var lease = sut.AttemptAcquire();

        // Full until the server's window ends, not until the first of the four is a length old (5.7 s).
        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(6), retryAfter);
    }

    [Fact]
    public async Task AttemptAcquire_APauseAnotherInstanceWasGiven_GrantsNothingUntilItEndsThoughItsMessageNeverCame()
    {
        var sut = await CreateWindowAsync(() => null);
        var until = _time.GetUtcNow() + TimeSpan.FromSeconds(3);
        var redis = await Connection();
        // As RedisPauseChannel keeps it for the instances that did not hear the message.
        await redis.GetDatabase().StringSetAsync($"{_prefix}:pause-until", $"other|{until.ToUnixTimeMilliseconds()}", TimeSpan.FromMinutes(1));

        Assert.False(Granted(sut));
        _time.Advance(TimeSpan.FromMilliseconds(2990));
        Assert.False(Granted(sut));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(Granted(sut));
    }

    private static bool Granted(System.Threading.RateLimiting.RateLimiter limiter)
    {
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    private async Task<SharedWindowLimiter> CreateWindowAsync(Func<WindowShape?> window)
    {
        var options = new RedisBudgetOptions { Configuration = await TestRedis.GetAddressAsync(), KeyPrefix = _prefix, ExpectedInstances = 3, OperationTimeout = TimeSpan.FromSeconds(10) };
        var connection = new RedisConnection(options);
        var health = new RedisHealth("test", options, null, _time, _metrics, _log);
        var limiter = new SharedWindowLimiter(_prefix, window, () => TimeSpan.Zero, connection, health, options, TimeSpan.FromMinutes(3), _time);
        _owned.Add(connection);
        _owned.Add(limiter);
        return limiter;
    }

    private static bool Granted(ClientPacing pacing, string queue)
    {
        using var lease = pacing.Limiter.AttemptAcquire(new PacingKey(queue));
        return lease.IsAcquired;
    }

    /// <summary>
    /// Sends alone: a send while nothing is known, or a probe, holds the token's one place in flight until its lease is
    /// disposed, and the next asks again until the place is free (as a waiting send polls), within a bounded real time.
    /// </summary>
    private async Task<long> SendAloneAsync(ClientPacing pacing, string queue)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var lease = pacing.Limiter.AttemptAcquire(new PacingKey(queue));
            if (lease.IsAcquired)
            {
                return _time.GetTimestamp();
            }

            // Only the place in flight, given back a moment ago, may hold it: it asks again 10 ms later.
            Assert.True(lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter) && retryAfter == TimeSpan.FromMilliseconds(10));
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "the place in flight was never given back");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private async Task<StackExchange.Redis.ConnectionMultiplexer> Connection()
    {
        if (_redis is null)
        {
            _redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(await TestRedis.GetAddressAsync());
            _owned.Add(_redis);
        }

        return _redis;
    }

    private async Task<ClientPacing> CreateAsync()
    {
        var options = new RedisBudgetOptions { Configuration = await TestRedis.GetAddressAsync(), KeyPrefix = _prefix, ExpectedInstances = 3, OperationTimeout = TimeSpan.FromSeconds(10) };
        var connection = new RedisConnection(options);
        var shared = new RedisSharedBudget("test", new AdherenceSyncOptions(), options, connection, _metrics, _time, _log);
        var pacing = new ClientPacing(new PacingOptions(), 4, TimeSpan.FromMinutes(3), _time, shared);
        _owned.Add(connection);
        _owned.Add(pacing);
        return pacing;
    }
}
