using AdherenceSync.Tests.Support;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// A 429 with Retry-After received by one instance pauses the others: three child processes share a budget through a
/// real Redis; the simulator throttles one request and records who sent what inside the Retry-After.
/// </summary>
[Collection(RedisProcessCollection.Name)]
public sealed class SharedPauseProcessTests : IDisposable
{
    /// <summary>
    /// A request already granted or on the wire when another instance was throttled cannot be called back. Under CI load
    /// the 429's answer, its pause through Redis and such a request took up to 348 ms (seen in CI, 2026-12-03): the grace
    /// covers that and stays far below the 3 s Retry-After, in which instances without Redis keep sending.
    /// </summary>
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromMilliseconds(500);

    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-pause-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Push_OneInstanceThrottled_NoInstanceSendsDuringTheRetryAfterWithRedisAndSomeDoWithout()
    {
        using (await TestRedis.ConnectAsync())
        {
        }

        var shared = await RunAsync(useRedis: true);
        var alone = await RunAsync(useRedis: false);

        TestContext.Current.TestOutputHelper?.WriteLine($"requests inside the 3 s Retry-After: with Redis {shared}, without {alone}");
        Assert.Equal(0, shared);
        Assert.True(alone > 0, "without Redis the other instances keep sending during another's Retry-After");
    }

    private async Task<int> RunAsync(bool useRedis)
    {
        const int rowsEach = 15;
        using var simulator = WfmSimulator.Start(o =>
        {
            o.RequestsPerMinute = Harness.AmpleRequestsPerMinute;
            o.Faults.AtRequest[12] = SimulatedFault.Throttle("3");

            // A configured budget is a ceiling that lets a minute's requests go at once: the latency keeps each instance
            // sending for a few seconds, so that the others still have rows to send while one is paused.
            o.WriteLatency = TimeSpan.FromMilliseconds(300);
        });
        var variables = new Dictionary<string, string> { ["ADHERENCESYNC_REDIS__KEYPREFIX"] = TestRedis.NewPrefix() };
        var redis = await TestRedis.GetAddressAsync();
        string[] arguments = useRedis
            ? ["--requests-per-minute", "600", "--max-parallel-queues", "2", "--redis", redis]
            : ["--requests-per-minute", "600", "--max-parallel-queues", "2"];

        var instances = await new CliInstances(_directory, simulator, "one-org-token").StartAsync(3, rowsEach, queues: 3, variables, arguments);
        var results = await CliInstances.WaitAsync(instances, TimeSpan.FromMinutes(2));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(3 * rowsEach, simulator.Writes.Count);
        Assert.Equal(1, simulator.ThrottledCount);
        var violations = simulator.FindRetryAfterViolations(InFlightGrace);
        var throttled = simulator.Requests.Single(r => r.StatusCode == 429);
        foreach (var v in violations)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"redis={useRedis} #{v.Request.Number} {v.Request.AgentId} +{(v.Request.ArrivedAt - throttled.ArrivedAt).TotalMilliseconds:F0} ms after #{throttled.Number} {throttled.AgentId}");
        }

        return violations.Count;
    }
}
