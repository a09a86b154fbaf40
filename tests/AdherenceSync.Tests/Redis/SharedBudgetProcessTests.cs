using System.Diagnostics;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// Three instances of a service in three child processes, one token, one simulator: with the budget shared through a
/// real Redis, and without it. These run at real time (Redis and the children have their own clocks), one at a time.
/// </summary>
[Collection(RedisProcessCollection.Name)]
public sealed class SharedBudgetProcessTests : IDisposable
{
    private const int Instances = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-redis-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Push_ThreeProcessesOnOneTokenOf120AMinute_StayWithinItWithRedisAndExceedItWithout()
    {
        using (await TestRedis.ConnectAsync())
        {
            // Fails here, loudly, when the Redis .ci/run starts is not there.
        }

        var shared = await RunAsync(useRedis: true);
        var alone = await RunAsync(useRedis: false);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"with Redis: {shared.Throttled} 429s, {shared.Requests} requests, {shared.Seconds:F1} s; without: {alone.Throttled} 429s, {alone.Requests} requests, {alone.Seconds:F1} s");
        Assert.InRange(shared.Throttled, 0, 2);
        Assert.True(alone.Throttled > 2, $"without Redis the instances should exceed the token's budget; 429s: {alone.Throttled}");
    }

    private async Task<(int Throttled, int Requests, double Seconds)> RunAsync(bool useRedis)
    {
        const int rowsEach = 10;
        using var simulator = WfmSimulator.Start(o => o.RequestsPerMinute = 120);
        var variables = new Dictionary<string, string> { ["ADHERENCESYNC_REDIS__KEYPREFIX"] = TestRedis.NewPrefix() };
        var redis = await TestRedis.GetAddressAsync();
        string[] arguments = useRedis
            ? ["--requests-per-minute", "120", "--max-parallel-queues", "2", "--redis", redis]
            : ["--requests-per-minute", "120", "--max-parallel-queues", "2"];
        var watch = Stopwatch.StartNew();

        var instances = await new CliInstances(_directory, simulator, "one-org-token").StartAsync(Instances, rowsEach, queues: 3, variables, arguments);
        var results = await CliInstances.WaitAsync(instances, TimeSpan.FromMinutes(2));

        // Every row ends in one outcome, and what the server stored is what the reports call Succeeded, never twice.
        Assert.All(results, r => Assert.Equal(rowsEach, r.Report.GetProperty("succeeded").GetInt32() + r.Report.GetProperty("failed").GetInt32()));
        Assert.Equal(results.Sum(r => r.Report.GetProperty("succeeded").GetInt32()), simulator.Writes.Count);
        Assert.Empty(simulator.FindDuplicateWrites());
        if (useRedis)
        {
            // Within the shared budget no row runs out of attempts.
            Assert.All(results, r => Assert.Equal(0, r.ExitCode));
            Assert.Equal(Instances * rowsEach, simulator.Writes.Count);
        }

        // Without it, three instances each paced at the token's whole budget starve one another: the first keeps the
        // token busy, and a row of another may run out of its attempts (Failed, exit 1). That is the case for Redis.
        return (simulator.ThrottledCount, simulator.Requests.Count, watch.Elapsed.TotalSeconds);
    }
}
