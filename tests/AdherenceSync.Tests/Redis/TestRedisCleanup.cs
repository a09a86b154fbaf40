[assembly: AssemblyFixture(typeof(AdherenceSync.Tests.Redis.TestRedisCleanup))]

namespace AdherenceSync.Tests.Redis;

/// <summary>Stops the private redis-server a test run started (when no Redis was there), at the end of the run.</summary>
public sealed class TestRedisCleanup : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await TestRedis.StopOwnServerAsync();
}
