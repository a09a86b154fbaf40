using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AdherenceSync.Tests.Telemetry;

public sealed class LogNoiseTests
{
    [Fact]
    public async Task PushAsync_OneThrottledRequest_LogsOneWarningAndNamesThePipelineInPollysLines()
    {
        using var logs = new FakeLoggerProvider();
        using var harness = new Harness(s => s.Faults.AtRequest[1] = SimulatedFault.Throttle("1"), logs: logs);
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(2, report.Succeeded);
        var records = logs.Collector.GetSnapshot();
        // The client's own line is the one warning for the 429; Polly's lines for the same attempt and retry are Debug.
        var warning = Assert.Single(records, r => r.Level >= LogLevel.Warning);
        Assert.Equal("AdherenceSync", warning.Category);
        Assert.Contains("was throttled", warning.Message, StringComparison.Ordinal);
        var polly = records.Where(r => r.Category == "Polly").ToList();
        Assert.NotEmpty(polly);
        Assert.All(polly, r => Assert.Contains("Source: 'AdherenceSync/default", r.Message, StringComparison.Ordinal));
        Assert.Contains(polly, r => r.Message.Contains("Source: 'AdherenceSync/default/Retry'", StringComparison.Ordinal));
        Assert.Contains(polly, r => r.Message.Contains("Result: 'HTTP 429", StringComparison.Ordinal));
    }
}
