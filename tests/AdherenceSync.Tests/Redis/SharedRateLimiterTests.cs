using AdherenceSync.Pacing;
using AdherenceSync.Redis;
using AdherenceSync.Redis.Budget;
using AdherenceSync.Redis.Telemetry;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Redis;

/// <summary>The shared budget when Redis cannot be reached: local pacing on the fake clock, or a clear stop.</summary>
public sealed class SharedRateLimiterTests
{
    /// <summary>Nothing listens on port 1 of loopback: connections are refused at once.</summary>
    private const string Unreachable = "127.0.0.1:1";

    [Fact]
    public async Task AcquireAsync_RedisUnreachable_PacesLocallyAtTheBudgetDividedByTheInstancesWarningOnce()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var fallbacks = new MetricCollector<long>(meterFactory, "AdherenceSync", RedisMetrics.Fallbacks);
        using var active = new MetricCollector<int>(meterFactory, "AdherenceSync", RedisMetrics.FallbackActive);
        var logger = new FakeLogger();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        using var metrics = new RedisMetrics(meterFactory);
        using var sut = CreateSut(time, metrics, logger, new RedisBudgetOptions { Configuration = Unreachable, ExpectedInstances = 2 });

        // 60 a minute shared by 2 expected instances: 0.5 a second each, a bucket of 1.
        using (var first = await sut.AcquireAsync(1, TestContext.Current.CancellationToken))
        {
            Assert.True(first.IsAcquired);
        }

        var second = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(1900));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        using (var lease = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken))
        {
            Assert.True(lease.IsAcquired);
        }

        // Past the recovery interval the next send tries Redis again, fails again, and stays local: no second warning.
        var third = sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        while (!third.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.True((await third).IsAcquired);
        Assert.Equal(1, fallbacks.GetMeasurementSnapshot().EvaluateAsCounter());
        active.RecordObservableInstruments();
        Assert.Equal(1, Assert.Single(active.GetMeasurementSnapshot()).Value);
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.StartsWith("Registration 'test': the shared budget in Redis is unavailable (", warning.Message);
        Assert.EndsWith("pacing locally at 30.0 requests a minute (the budget divided by 2 expected instances) until Redis answers again.", warning.Message);
    }

    [Fact]
    public async Task AcquireAsync_RedisAnswersSlowerThanTheOperationTimeout_FallsBackInsteadOfWaiting()
    {
        var redis = await TestRedis.GetAddressAsync();
        var (host, port) = (redis.Split(':')[0], int.Parse(redis.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        var target = new System.Net.IPEndPoint((await System.Net.Dns.GetHostAddressesAsync(host, TestContext.Current.CancellationToken))[0], port);
        using var relay = new StallingTcpRelay(target);
        using (var admin = await TestRedis.ConnectAsync(relay.Address))
        {
            // A server's first script can be slower than the 200 ms this test allows (Garnet starts its Lua runtime then).
            await admin.GetDatabase().ScriptEvaluateAsync("return redis.call('PING')");
        }

        using var metrics = new RedisMetrics(null);

        // Garnet also compiles each script on its first run: the limiter's own script once, without the 200 ms bound
        // (a fresh clone's first run of the suite took longer than that).
        var patient = new RedisBudgetOptions { Configuration = relay.Address, OperationTimeout = TimeSpan.FromSeconds(10), ExpectedInstances = 1 };
        using (var warmUp = new SharedRateLimiter(
            $"{TestRedis.NewPrefix()}:warm-up", 100, new RedisConnection(patient), new RedisHealth("warm-up", patient, 6000, TimeProvider.System, metrics, new FakeLogger()),
            patient, TimeSpan.FromMinutes(3), new SharedPause(TimeProvider.System), TimeProvider.System))
        using (await warmUp.AcquireAsync(1, TestContext.Current.CancellationToken))
        {
        }

        var log = new FakeLogger();
        var options = new RedisBudgetOptions { Configuration = relay.Address, OperationTimeout = TimeSpan.FromMilliseconds(200), ExpectedInstances = 1 };
        var health = new RedisHealth("slow", options, requestsPerMinute: 6000, TimeProvider.System, metrics, log);
        using var sut = new SharedRateLimiter(
            $"{TestRedis.NewPrefix()}:client", 100, new RedisConnection(options), health, options, TimeSpan.FromMinutes(3), new SharedPause(TimeProvider.System), TimeProvider.System);
        using (var shared = await sut.AcquireAsync(1, TestContext.Current.CancellationToken))
        {
            Assert.True(shared.IsAcquired);
            Assert.False(health.InFallback, string.Join(" | ", log.Collector.GetSnapshot().Select(r => r.Message)));
        }

        // Every command now waits 3 s: Redis is there, but slow.
        relay.Stall(TimeSpan.FromSeconds(3));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var local = await sut.AcquireAsync(1, TestContext.Current.CancellationToken);

        Assert.True(local.IsAcquired);
        Assert.True(health.InFallback);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task AcquireAsync_RedisUnreachableAndFallbackModeStop_ThrowsTheClearError()
    {
        var time = new FakeTimeProvider();
        using var metrics = new RedisMetrics(null);
        using var sut = CreateSut(time, metrics, new FakeLogger(), new RedisBudgetOptions { Configuration = Unreachable, FallbackMode = RedisFallbackMode.Stop });

        var error = await Assert.ThrowsAsync<SharedBudgetUnavailableException>(() => sut.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask());

        Assert.StartsWith("the shared rate budget in Redis is unavailable (", error.Message);
        Assert.EndsWith(") and RedisBudgetOptions.FallbackMode is Stop", error.Message);
    }

    [Fact]
    public async Task PushAsync_RedisUnreachableAndFallbackModeStop_HaltsWithEveryRowNotAttemptedAndNothingSent()
    {
        using var simulator = WfmSimulator.Start();
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = simulator.BaseAddress;
            o.AccessToken = "token";

            // A shared bucket needs the token's budget; without one only pauses are shared.
            o.Pacing.RequestsPerMinute = 300;
        }).UseRedisBudget(o =>
        {
            o.Configuration = Unreachable;
            o.FallbackMode = RedisFallbackMode.Stop;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAdherenceSyncClient>();

        var report = await client.PushAsync(SampleCohort.Generate(5, 2), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, report.NotAttempted);
        Assert.StartsWith("the shared rate budget in Redis is unavailable", report.HaltReason);
        Assert.All(report.Rows, r => Assert.StartsWith("not sent: the push halted (the shared rate budget in Redis is unavailable", r.Error));
        Assert.Empty(simulator.Writes);
    }

    [Theory]
    [InlineData(2.0, 1, 500, 1)]
    [InlineData(5.0, 1, 200, 2)]
    [InlineData(50.0, 5, 100, 25)]
    public void Bucket_Rate_SpreadsPermitsOverShortPeriods(double perSecond, int tokensPerPeriod, int periodMilliseconds, int tokenLimit)
    {
        var bucket = SharedRateLimiter.Bucket(perSecond);

        Assert.Equal((tokensPerPeriod, periodMilliseconds, tokenLimit), (bucket.TokensPerPeriod, (int)Math.Round(bucket.ReplenishmentPeriod.TotalMilliseconds), bucket.TokenLimit));
    }

    private static SharedRateLimiter CreateSut(FakeTimeProvider time, RedisMetrics metrics, ILogger logger, RedisBudgetOptions options)
    {
        var connection = new RedisConnection(options);
        var health = new RedisHealth("test", options, requestsPerMinute: 60, time, metrics, logger);
        metrics.Track("test", () => health.InFallback);
        return new SharedRateLimiter("test:client", 1.0, connection, health, options, TimeSpan.FromMinutes(3), new SharedPause(time), time);
    }
}
