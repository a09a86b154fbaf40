using System.Diagnostics;
using AdherenceSync.Testing;

namespace AdherenceSync.Benchmarks;

/// <summary>
/// Runs an unthrottled simulator in a child process (<c>simulate</c>), so that a measurement of the client's memory does
/// not count the server's.
/// </summary>
internal sealed class SimulatorHost : IDisposable
{
    private const string Ready = "SIMULATOR ";
    private readonly Process _child;

    private SimulatorHost(Process child, Uri baseAddress)
    {
        _child = child;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static SimulatorHost StartChild()
    {
        var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, "simulate")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start the simulator process.");
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null && !line.StartsWith(Ready, StringComparison.Ordinal))
        {
        }

        return line is null
            ? throw new InvalidOperationException("The simulator process ended before it was ready.")
            : new SimulatorHost(child, new Uri(line[Ready.Length..]));
    }

    /// <summary>The child's side: start, say where, and run until standard input closes.</summary>
    public static int RunChild()
    {
        using var simulator = WfmSimulator.Start(new WfmSimulatorOptions { RequestsPerMinute = 100_000_000 });
        Console.WriteLine(Ready + simulator.BaseAddress);
        Console.In.ReadToEnd();
        return 0;
    }

    public void Dispose()
    {
        _child.StandardInput.Close();
        if (!_child.WaitForExit(10_000))
        {
            _child.Kill();
        }

        _child.Dispose();
    }
}
