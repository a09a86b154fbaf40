using System.Net;
using System.Net.Sockets;
using Garnet;

namespace AdherenceSync.Benchmarks;

/// <summary>
/// The Redis the instances of a multi-instance scenario share: an embedded Garnet in this process, on loopback and a free
/// port, with Lua on (the shared window is a script), so the benchmark needs nothing installed.
/// </summary>
internal sealed class BenchmarkRedis : IDisposable
{
    private readonly GarnetServer _server;

    private BenchmarkRedis(GarnetServer server, string address)
    {
        _server = server;
        Address = address;
    }

    public string Address { get; }

    public static BenchmarkRedis Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true", "--logger-level", "Error"]);
        server.Start();
        return new BenchmarkRedis(server, $"127.0.0.1:{port}");
    }

    public void Dispose() => _server.Dispose();
}
