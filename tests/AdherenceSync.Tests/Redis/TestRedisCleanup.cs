[assembly: AssemblyFixture(typeof(AdherenceSync.Tests.Redis.TestRedisCleanup))]

namespace AdherenceSync.Tests.Redis;

/// <summary>Stops the embedded server the test run started (when no real Redis was named), at the end of the run.</summary>
public sealed class TestRedisCleanup : IDisposable
{
    public void Dispose() => TestRedis.StopOwnServer();
}
