using AdherenceSync.Checkpoints;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Checkpoints;

/// <summary>
/// A resume with 50 rows in doubt (an earlier run recorded them started, then died): half of them landed. They are looked
/// up in bulk before anything is written.
/// </summary>
public sealed class BulkReconciliationTests : IDisposable
{
    private const int InDoubt = 50;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"adherencesync-bulk-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("bu-simulated", 1)]
    [InlineData(null, 20)]
    public async Task PushAsync_ResumeWith50RowsInDoubt_LooksThemUpInFewQueriesAndWritesOnlyTheMissing(string? businessUnit, int expectedQueries)
    {
        using var harness = Harness.Ample(client: c => c.BusinessUnitId = businessUnit);
        var rows = SampleCohort.Generate(InDoubt, 5, harness.SimulatorOptions);
        var landed = rows.Where((_, i) => i % 2 == 0).ToList();
        Assert.Equal(InDoubt / 2, (await harness.PushAsync(landed)).Succeeded);
        using (var store = new FileCheckpointStore(_path))
        {
            foreach (var row in rows)
            {
                await store.RecordAsync(new CheckpointEntry(CheckpointView.KeyOf(row), CheckpointState.Started), TestContext.Current.CancellationToken);
            }
        }

        var queriesBefore = harness.Simulator.QueryCount;
        var writesBefore = harness.Simulator.Writes.Count;
        PushReport report;
        using (var store = new FileCheckpointStore(_path))
        {
            report = await harness.Clock.RunAsync(harness.Client.PushAsync(
                rows, new PushOptions { Checkpoint = store, AllowCheckpointFromAnotherTarget = true }, TestContext.Current.CancellationToken));
        }

        var queries = harness.Simulator.QueryCount - queriesBefore;
        TestContext.Current.TestOutputHelper?.WriteLine($"business unit {businessUnit ?? "(none)"}: {queries} queries for {InDoubt} rows in doubt");
        Assert.Equal(InDoubt, report.Succeeded);
        Assert.Equal(InDoubt / 2, harness.Simulator.Writes.Count - writesBefore);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.Equal(expectedQueries, queries);
        // The rows found were applied by the earlier run: reported with the id the listing gave, and not written again.
        Assert.All(report.Rows.Where((_, i) => i % 2 == 0), r => Assert.Equal((0, true), (r.Attempts, r.ExplanationId is not null)));
    }
}
