using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Client;

public sealed class RequestHeadersTests
{
    [Fact]
    public async Task PushAsync_AnyRequest_CarriesAcceptJsonAndTheUserAgentWithTheApplicationsName()
    {
        using var harness = new Harness(client: c => c.ApplicationName = "Contoso.Exporter/2.1");
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        await harness.PushAsync(rows);

        Assert.All(harness.Simulator.Requests, r =>
        {
            Assert.Equal("application/json", r.Accept);
            Assert.Matches(@"^Contoso\.Exporter/2\.1 AdherenceSync/\d+\.\d+\.\d+\S* \(\.NET \d+\.\d+\.\d+; \w+\)$", r.UserAgent);
        });
    }

    [Fact]
    public async Task PushAsync_NoApplicationName_TheUserAgentIsTheClientsOwn()
    {
        using var harness = new Harness();
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        await harness.PushAsync(rows);

        Assert.StartsWith("AdherenceSync/", Assert.Single(harness.Simulator.Requests).UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_RowWithAdminStatus_IsStoredWithIt()
    {
        using var harness = new Harness();
        var row = SampleCohort.Generate(1, 1, harness.SimulatorOptions)[0];

        var report = await harness.PushAsync([new AdherenceRow { AgentId = row.AgentId, QueueId = row.QueueId, StartDate = row.StartDate, LengthMinutes = row.LengthMinutes, Status = "Approved" }]);

        Assert.Equal(1, report.Succeeded);
        Assert.Equal("Approved", Assert.Single(harness.Simulator.Writes).Status);
    }
}
