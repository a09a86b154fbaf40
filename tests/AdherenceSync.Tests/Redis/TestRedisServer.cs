using System.Diagnostics;
using Garnet;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// A Redis-compatible server the tests start and stop themselves, on loopback and a free port: by default an embedded
/// Garnet in this process (nothing to install); a <c>redis-server</c> child process when the run targets a real Redis
/// (<c>ADHERENCESYNC_TEST_REDIS</c> set), so that the production server is what gets killed and restarted.
/// </summary>
internal sealed class TestRedisServer : IDisposable
{
    private GarnetServer? _garnet;
    private Process? _process;

    private TestRedisServer(int port, bool real)
    {
        Address = $"127.0.0.1:{port}";
        Kind = real ? "redis-server" : "embedded Garnet";
    }

    /// <summary>Gets the server's address, <c>127.0.0.1:port</c>.</summary>
    public string Address { get; }

    /// <summary>Gets which server this is, for the test output.</summary>
    public string Kind { get; }

    /// <summary>Starts a server on <paramref name="port"/>: Garnet, or <c>redis-server</c> when <paramref name="real"/>.</summary>
    public static TestRedisServer Start(int port, bool real)
    {
        var server = new TestRedisServer(port, real);
        if (real)
        {
            server._process = StartRedisServer(port);
        }
        else
        {
            // The same arguments as the garnet-server tool: the option object alone leaves settings unset that the
            // argument parser fills in.
            server._garnet = new GarnetServer(
                ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true", "--logger-level", "Error"]);
            server._garnet.Start();
        }

        return server;
    }

    /// <summary>Stops the server at once: Garnet is disposed, which closes every connection; <c>redis-server</c> is killed.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _garnet, null) is { } garnet)
        {
            garnet.Dispose();
        }

        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }

    public void Dispose() => Kill();

    private static Process StartRedisServer(int port)
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
            throw new InvalidOperationException(
                "ADHERENCESYNC_TEST_REDIS names a real Redis, so the kill-and-restart test starts its own redis-server, which is not on the PATH. "
                + "Unset ADHERENCESYNC_TEST_REDIS to use the embedded server.", e);
        }
    }
}
