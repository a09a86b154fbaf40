using AdherenceSync.Pacing;
using AdherenceSync.Redis;
using AdherenceSync.Redis.Budget;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// Replicas on one token learn as one: without headers, the token's window is learned in Redis from every instance's
/// sends and 429s, and every instance paces by it. The server here: fixed 6 s windows of 10 for the token.
/// </summary>
public sealed partial class SharedWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan AfterPause = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task AttemptAcquire_NothingLearnedAndAnotherInstancesSendInFlight_WaitsForItsAnswer()
    {
        var a = await CreateAsync();
        var b = await CreateAsync();
        var held = a.Limiter.AttemptAcquire(new PacingKey("qa"));
        Assert.True(held.IsAcquired);

        // One request in flight for the whole token while nothing is known: the 429 that shows the window is the only one.
        Assert.False(Granted(b, "qb"));

        held.Dispose();
        await SendAloneAsync(b, "qb");
    }

    [Fact]
    public async Task AttemptAcquire_NoWindowShownForAMinute_NoLongerOneAtATime()
    {
        var a = await CreateAsync();
        var b = await CreateAsync();
        await SendAloneAsync(a, "qa");

        // A minute of sends and no 429: the server's budget is more than one at a time shows; the token goes in parallel.
        _time.Advance(AdherenceSync.Redis.RedisBudgetConstants.UnknownWindowKept);
        using var held = a.Limiter.AttemptAcquire(new PacingKey("qa"));
        Assert.True(held.IsAcquired);

        Assert.True(Granted(b, "qb"));
    }

    [Fact]
    public async Task Learn_ThreeInstancesTwoWindowsWithoutHeaders_EveryInstancePacesByTheTokensWindow()
    {
        var instances = new[] { await CreateAsync(), await CreateAsync(), await CreateAsync() };

        await LearnAsync(instances);

        // Each instance sent a third of each window: together they learned the token's 10, and send no more.
        Assert.Equal(10, Enumerable.Range(0, 30).Count(i => Granted(instances[i % 3], $"q{i % 3}")));
        _time.Advance(Window + AfterPause);
        Assert.Equal(10, Enumerable.Range(0, 30).Count(i => Granted(instances[i % 3], $"q{i % 3}")));
    }

    [Fact]
    public async Task Acquire_InstanceStartedAfterTheWindowWasLearned_BeginsFromItWithoutA429()
    {
        await LearnAsync([await CreateAsync(), await CreateAsync()]);

        var late = await CreateAsync();

        Assert.Equal(10, Enumerable.Range(0, 20).Count(_ => Granted(late, "late")));
    }

    [Fact]
    public async Task Acquire_ProbeAfterTheAllowanceHeldAndRefused_KeepsTheAllowance()
    {
        var instances = await UpToAProbeAsync();

        // Past the allowance one probe goes, alone: the next waits for its answer.
        var probe = instances[0].Limiter.AttemptAcquire(new PacingKey("q0"));
        Assert.True(probe.IsAcquired);
        using (var next = instances[1].Limiter.AttemptAcquire(new PacingKey("q1")))
        {
            // Asked again as soon as the probe's place is free, not when the window slides (6 s).
            Assert.False(next.IsAcquired);
            Assert.True(next.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter));
            Assert.Equal(TimeSpan.FromMilliseconds(10), retryAfter);
        }

        var sent = _time.GetTimestamp();
        Assert.False(instances[0].OnAnswer(new ServerAnswer("q0", true, sent, sent, RetryAfter: Window))!.Value.Unexplained);
        probe.Dispose();

        _time.Advance(Window + AfterPause);
        Assert.Equal(10, Enumerable.Range(0, 30).Count(i => Granted(instances[i % 2], $"q{i % 2}")));
    }

    [Fact]
    public async Task Acquire_ProbesThatHeldForAWindow_RaiseTheAllowanceToWhatTheyReached()
    {
        var instances = await UpToAProbeAsync();

        // The limit rose to 12: two probes one after the other, each answered before the next.
        for (var i = 0; i < 2; i++)
        {
            await SendAloneAsync(instances[i], $"q{i}");
        }

        _time.Advance(Window + AfterPause);

        Assert.Equal(12, Enumerable.Range(0, 30).Count(i => Granted(instances[i % 2], $"q{i % 2}")));
    }

    [Fact]
    public void Learn_RedisUnreachableAndSetToStop_LeavesTheHaltToTheNextSendsPermit()
    {
        var options = new RedisBudgetOptions
        {
            Configuration = $"127.0.0.1:{TestRedis.FreePort()}",
            KeyPrefix = _prefix,
            FallbackMode = RedisFallbackMode.Stop,
            OperationTimeout = TimeSpan.FromMilliseconds(200),
        };
        var connection = new RedisConnection(options);
        var limiter = new SharedWindowLimiter(_prefix, () => null, () => TimeSpan.Zero, connection, new RedisHealth("test", options, null, _time, _metrics, _log), options, TimeSpan.FromMinutes(3), _time);
        _owned.Add(connection);
        _owned.Add(limiter);

        // A 429 is being read: learning fails quietly (nothing learned), and the push halts at the next send's permit.
        Assert.Null(limiter.Learn(_time.GetUtcNow(), _time.GetUtcNow() + Window));
        Assert.Throws<SharedBudgetUnavailableException>(() => limiter.AttemptAcquire());
    }

    /// <summary>Two windows of the server: 10 accepted from the instances in turn, the 11th refused; the second 429 confirms the window.</summary>
    private async Task LearnAsync(ClientPacing[] instances)
    {
        for (var window = 0; window < 2; window++)
        {
            for (var i = 0; i < 10; i++)
            {
                var pacing = instances[i % instances.Length];
                var queue = $"q{i % instances.Length}";
                var sent = await SendAloneAsync(pacing, queue);
                pacing.OnAnswer(new ServerAnswer(queue, false, sent, sent));
            }

            // The eleventh is refused: its Retry-After points at the window's end.
            var refused = instances[10 % instances.Length];
            var at = await SendAloneAsync(refused, $"q{10 % instances.Length}");
            refused.OnAnswer(new ServerAnswer($"q{10 % instances.Length}", true, at, at, RetryAfter: Window));
            _time.Advance(Window + AfterPause);
        }
    }

    /// <summary>
    /// Two instances that learned the window, used it in full for as many windows as an allowance holds before a probe, and
    /// have just sent the next window's ten: the next send may probe.
    /// </summary>
    private async Task<ClientPacing[]> UpToAProbeAsync()
    {
        var instances = new[] { await CreateAsync(), await CreateAsync() };
        await LearnAsync(instances);
        for (var window = 0; window < AdherenceSync.Redis.RedisBudgetConstants.LearnedWindowsBeforeProbe; window++)
        {
            Assert.Equal(10, Enumerable.Range(0, 20).Count(i => Granted(instances[i % 2], $"q{i % 2}")));
            _time.Advance(Window + AfterPause);
        }

        Assert.Equal(10, Enumerable.Range(0, 10).Count(i => Granted(instances[i % 2], $"q{i % 2}")));
        return instances;
    }
}
