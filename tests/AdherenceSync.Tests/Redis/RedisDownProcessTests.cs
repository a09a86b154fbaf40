using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// Redis killed in the middle of a push by three child processes, then restarted: the push completes with every row
/// recorded once, paced locally while Redis is away, and the instances go back to the shared budget when it returns.
/// The server is killed for real: the embedded Garnet is disposed (every connection drops), a real redis-server is
/// killed as a process.
/// </summary>
[Collection(RedisProcessCollection.Name)]
public sealed class RedisDownProcessTests : IDisposable
{
    private const int Instances = 3;
    private const int RowsEach = 40;
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-redis-down-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Push_RedisKilledMidRunThenRestarted_CompletesWithNoRowLostUnderLocalPacingThenSharesAgain()
    {
        var port = TestRedis.FreePort();
        var address = $"127.0.0.1:{port}";
        var redis = TestRedis.StartServer(port);
        using (await TestRedis.ConnectWhenUpAsync(address))
        {
        }

        using var simulator = WfmSimulator.Start(o => o.RequestsPerMinute = 600);
        var prefix = TestRedis.NewPrefix();
        var variables = new Dictionary<string, string>
        {
            ["ADHERENCESYNC_REDIS__KEYPREFIX"] = prefix,
            ["ADHERENCESYNC_REDIS__EXPECTEDINSTANCES"] = Instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var instances = await new CliInstances(_directory, simulator, "one-org-token").StartAsync(
            Instances, RowsEach, queues: 4, variables, "--requests-per-minute", "600", "--max-parallel-queues", "2", "--redis", address);

        await Eventually.WaitUntilAsync(() => simulator.Writes.Count >= 30, TimeSpan.FromMinutes(1), "the instances never got that far");
        redis.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var writtenWhenKilled = simulator.Writes.Count;

        await Eventually.WaitUntilAsync(() => simulator.Writes.Count >= writtenWhenKilled + 30, TimeSpan.FromMinutes(1), "the instances never got that far");
        var restartedAt = DateTimeOffset.UtcNow;
        using var restarted = TestRedis.StartServer(port);
        using var connection = await TestRedis.ConnectWhenUpAsync(address);
        var writtenWhenRestarted = simulator.Writes.Count;

        var results = await CliInstances.WaitAsync(instances, TimeSpan.FromMinutes(2));
        var keysOnRestarted = await CountKeysAsync(connection, address, prefix);
        restarted.Kill();

        var outage = simulator.Requests.Where(r => r.ArrivedAt > killedAt.AddMilliseconds(200) && r.ArrivedAt < restartedAt).ToList();
        var outageRate = outage.Count / (restartedAt - killedAt.AddMilliseconds(200)).TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"written: {writtenWhenKilled} when killed, {writtenWhenRestarted} when restarted, {simulator.Writes.Count} at the end; "
            + $"outage: {outage.Count} requests in {(restartedAt - killedAt).TotalSeconds:F1} s ({outageRate:F1}/s); "
            + $"429s: {simulator.ThrottledCount}; budget keys on the restarted {restarted.Kind}: {keysOnRestarted}");

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.All(results, r => Assert.Equal(RowsEach, r.Report.GetProperty("succeeded").GetInt32()));
        Assert.Equal(Instances * RowsEach, simulator.Writes.Count);
        Assert.Empty(simulator.FindDuplicateWrites());
        Assert.True(writtenWhenRestarted < Instances * RowsEach, "rows were left to push after the restart");

        // While Redis was away, each instance paced at 600 / 3 a minute: together about the shared 10 a second, not 30.
        Assert.InRange(outageRate, 1, 13);

        // After the restart the instances drew on the shared bucket in Redis again.
        Assert.True(keysOnRestarted > 0, "no instance used the restarted Redis");
    }

    /// <summary>The restarted server starts empty: any key under the run's prefix was written by an instance after the restart.</summary>
    private static async Task<int> CountKeysAsync(StackExchange.Redis.ConnectionMultiplexer connection, string address, string prefix)
    {
        var count = 0;
        await foreach (var _ in connection.GetServer(address).KeysAsync(pattern: $"*{prefix}*"))
        {
            count++;
        }

        return count;
    }
}
