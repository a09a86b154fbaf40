using System.Globalization;
using AdherenceSync.Cli.Output;
using AdherenceSync.Testing;

namespace AdherenceSync.Cli.Commands;

/// <summary>
/// The demo that runs with no arguments: an embedded simulator whose budget is lower than the client's configured one,
/// so the push is really throttled, then the simulator's own account of what it received.
/// </summary>
internal static class DemoCommand
{
    public const int Rows = 200;
    public const int Queues = 8;
    public const int ServerRequestsPerMinute = 480;
    public const int ClientRequestsPerMinute = 600;
    public const int ParallelQueues = 4;

    public static async Task<int> RunAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        var output = environment.Out;
        var simulatorOptions = new WfmSimulatorOptions { TimeProvider = environment.TimeProvider, RequestsPerMinute = ServerRequestsPerMinute };
        var rows = SampleCohort.Generate(Rows, Queues, simulatorOptions);
        using var simulator = WfmSimulator.Start(simulatorOptions);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            AdherenceSync demo
            An embedded WFM simulator at {simulator.BaseAddress} allows {ServerRequestsPerMinute} requests a minute.
            The client is configured for {ClientRequestsPerMinute}, so it will be throttled (429 + Retry-After).
            Pushing {Rows} adherence exceptions over {Queues} queues, {ParallelQueues} queues at a time, one request per queue in flight.

            """));

        using var client = CliClient.Create(o =>
        {
            o.BaseAddress = simulator.BaseAddress;
            o.AccessToken = "demo-token";
            o.Pacing.RequestsPerMinute = ClientRequestsPerMinute;
            o.MaxParallelQueues = ParallelQueues;
        }, environment);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, environment.Interrupted);
        using var watch = new ThrottleWatch(client.MeterFactory);
        var display = PushDisplays.Create(environment, OutputFormat.Table, watch);
        var report = await display.ShowAsync(() => environment.RunPush(client.Client.PushAsync(rows, new PushOptions { Progress = display }, stop.Token)));
        display.WriteSummary(report);

        await SimulatorAudit.WriteAsync(output, simulator);

        return report.Cancelled ? ExitCodes.Cancelled : report.AllSucceeded ? ExitCodes.Success : ExitCodes.RowsNotSucceeded;
    }
}
