using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// The Redis the tests use: the server <c>ADHERENCESYNC_TEST_REDIS</c> names (<c>host:port</c>), when set; otherwise
/// one embedded Garnet server this test run starts on a free loopback port and stops at its end. Tests that kill the
/// server start their own (<see cref="StartServer"/>). A server that does not answer fails the test; it is never skipped.
/// </summary>
internal static class TestRedis
{
    /// <summary>The variable that points the tests at a real Redis instead of the embedded server.</summary>
    public const string Variable = "ADHERENCESYNC_TEST_REDIS";

    private static readonly Lazy<string> Shared = new(FindOrStart);
    private static TestRedisServer? _ownServer;

    /// <summary>Gets a value indicating whether the run targets a real Redis (<see cref="Variable"/> is set).</summary>
    public static bool UsesRealRedis => Named is not null;

    private static string? Named => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given.Trim() : null;

    public static Task<string> GetAddressAsync() => Task.FromResult(Shared.Value);

    /// <summary>A key prefix no other test shares.</summary>
    public static string NewPrefix() => $"test-{Guid.NewGuid():N}";

    /// <exception cref="InvalidOperationException">No Redis answers at the address.</exception>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string? address = null)
    {
        address ??= await GetAddressAsync();
        try
        {
            return await ConnectionMultiplexer.ConnectAsync($"{address},abortConnect=true,connectTimeout=2000,allowAdmin=true");
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException(
                $"No Redis answers at {address}. {(UsesRealRedis ? $"{Variable} names it: start it, or unset {Variable} to use the embedded server." : "The embedded server did not start.")}", e);
        }
    }

    /// <summary>Connects to a server that is starting: it may take a moment to listen.</summary>
    public static async Task<ConnectionMultiplexer> ConnectWhenUpAsync(string address)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await ConnectAsync(address);
            }
            catch (InvalidOperationException) when (watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>
    /// Starts a private server on a loopback port, for a test that kills and restarts it: the embedded Garnet, or a real
    /// <c>redis-server</c> when the run targets a real Redis.
    /// </summary>
    public static TestRedisServer StartServer(int port) => TestRedisServer.Start(port, UsesRealRedis);

    /// <summary>Stops the server this test run started, if any; called once, when the run ends.</summary>
    public static void StopOwnServer() => Interlocked.Exchange(ref _ownServer, null)?.Dispose();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindOrStart()
    {
        if (Named is { } given)
        {
            return given;
        }

        _ownServer = TestRedisServer.Start(FreePort(), real: false);
        return _ownServer.Address;
    }
}
