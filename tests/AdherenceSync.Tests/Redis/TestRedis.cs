using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// The real Redis the tests use: <c>ADHERENCESYNC_TEST_REDIS</c> when set (<c>.ci/run</c> starts one on 127.0.0.1:6379
/// and sets it); else a Redis already on 127.0.0.1:6379; else a private <c>redis-server</c> this test run starts and
/// stops. Tests that kill Redis start their own. A missing server fails the test; it is never skipped.
/// </summary>
internal static class TestRedis
{
    private static readonly Lazy<Task<string>> Shared = new(FindOrStartAsync);
    private static Process? _ownServer;

    public static Task<string> GetAddressAsync() => Shared.Value;

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
                $"These tests need a real Redis at {address}: .ci/run installs and starts one (apt-get install redis-server). "
                + "Start one with `redis-server --port 6379 --save '' --daemonize yes`, or set ADHERENCESYNC_TEST_REDIS.", e);
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

    /// <summary>Starts a private <c>redis-server</c> on a free loopback port; the caller kills and restarts it.</summary>
    public static Process StartServer(int port)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("This test needs redis-server on the PATH: .ci/run installs it (apt-get install redis-server).", e);
        }
    }

    private static async Task<string> FindOrStartAsync()
    {
        if (Environment.GetEnvironmentVariable("ADHERENCESYNC_TEST_REDIS") is { Length: > 0 } given)
        {
            return given;
        }

        if (await AnswersAsync("127.0.0.1:6379"))
        {
            return "127.0.0.1:6379";
        }

        var port = FreePort();
        _ownServer = StartServer(port);
        var address = $"127.0.0.1:{port}";
        var watch = Stopwatch.StartNew();
        while (!await AnswersAsync(address) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        return address;
    }

    private static async Task<bool> AnswersAsync(string address)
    {
        try
        {
            using var client = new TcpClient();
            var (host, port) = (address.Split(':')[0], int.Parse(address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromMilliseconds(500));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Stops the server this test run started, if any; called once, when the run ends.</summary>
    public static async Task StopOwnServerAsync()
    {
        if (Interlocked.Exchange(ref _ownServer, null) is { } server)
        {
            server.Kill();
            await server.WaitForExitAsync();
            server.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
