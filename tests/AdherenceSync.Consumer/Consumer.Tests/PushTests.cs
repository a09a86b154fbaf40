using AdherenceSync;
using AdherenceSync.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

public sealed class PushTests
{
    [Fact]
    public async Task Push_ServerThrottlesFailsAndDropsConnections_EveryRowEndsOnceAndNothingIsWrittenTwice()
    {
        var driver = new FakeTimeDriver();                  // a FakeTimeProvider, driven while the push runs
        var options = new WfmSimulatorOptions
        {
            TimeProvider = driver.Time,                     // the same clock as the client: backoff passes in milliseconds
            RequestsPerMinute = 60,                         // the server's budget, which the client is not told
        };
        var rows = SampleCohort.Generate(200, queues: 8, options);
        var unknown = rows[6].AgentId;
        options.Faults.ForAgent[unknown] = SimulatedFault.Status(404, "not.found", "Agent not found."); // refused: Rejected
        options.Faults.AtRequest[20] = SimulatedFault.Status(503, "service.unavailable", "Try again.");  // retried
        options.Faults.AtRequest[40] = SimulatedFault.Drop();  // applied, then the connection reset: looked up, not resent
        using var simulator = WfmSimulator.Start(options);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(driver.Time);
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(driver.CreateHandler)); // tells the driver what is on the wire
        services.AddAdherenceSync(o => { o.BaseAddress = simulator.BaseAddress; o.AccessToken = "test"; });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAdherenceSyncClient>();

        PushReport report = await driver.RunAsync(client.PushAsync(rows, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(rows.Count(r => r.AgentId == unknown), report.Rejected);
        Assert.Equal(rows.Count - report.Rejected, report.Succeeded);
        Assert.Equal(report.Succeeded, simulator.Writes.Count);
        Assert.True(simulator.ThrottledCount > 0);          // the server did throttle
        Assert.Empty(simulator.FindDuplicateWrites());      // no row written twice
        Assert.Empty(simulator.FindQueueOverlaps());        // never two writes of one queue in flight
        Assert.Empty(simulator.FindRetryAfterViolations()); // nothing sent inside a Retry-After (fake clock: no grace)
    }
}
