using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Batching;

public sealed class PushEngineSmokeTests
{
    [Fact]
    public async Task PushAsync_UnthrottledSimulator_EveryRowSucceedsOnce()
    {
        using var harness = new Harness(s => s.RequestsPerMinute = 6000, c => c.Pacing.RequestsPerMinute = 6000);
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(30, report.Succeeded);
        Assert.Equal(30, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.All(report.Rows, r => Assert.StartsWith("expl-", r.ExplanationId));
    }
}
