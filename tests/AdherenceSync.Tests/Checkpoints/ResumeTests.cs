using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Checkpoints;

public sealed class ResumeTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"adherencesync-resume-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task PushAsync_CheckpointOfAnotherTarget_IsRefusedBeforeSendingUnlessAllowed()
    {
        using var test = CreateSut();
        using var production = CreateSut();
        var rows = SampleCohort.Generate(30, 3, test.SimulatorOptions);
        using (var store = new FileCheckpointStore(_path))
        {
            Assert.Equal(30, (await test.Clock.RunAsync(test.Client.PushAsync(rows, new PushOptions { Checkpoint = store }, TestContext.Current.CancellationToken))).Succeeded);
        }

        using (var store = new FileCheckpointStore(_path))
        {
            var error = await Assert.ThrowsAsync<CheckpointTargetException>(
                () => production.Clock.RunAsync(production.Client.PushAsync(rows, new PushOptions { Checkpoint = store }, TestContext.Current.CancellationToken)));

            Assert.Equal($"host={test.Simulator.BaseAddress.Authority}, registration='', client=static token", error.Recorded);
            Assert.Equal($"host={production.Simulator.BaseAddress.Authority}, registration='', client=static token", error.Current);
            Assert.StartsWith($"the checkpoint was recorded for {error.Recorded}, not {error.Current}; rows done there were never sent here.", error.Message);
            Assert.Empty(production.Simulator.Requests);

            // Deliberately allowed: the rows recorded as done are reported from the checkpoint, as before.
            var allowed = await production.Clock.RunAsync(production.Client.PushAsync(
                rows, new PushOptions { Checkpoint = store, AllowCheckpointFromAnotherTarget = true }, TestContext.Current.CancellationToken));
            Assert.Equal(30, allowed.Succeeded);
            Assert.Empty(production.Simulator.Requests);
        }
    }

    [Fact]
    public async Task PushAsync_ResumedAfterACancellation_SendsOnlyWhatIsLeftAndWritesEveryRowOnce()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);
        using var cancel = new CancellationTokenSource();
        PushReport first;
        using (var store = new FileCheckpointStore(_path))
        {
            var acted = false; // progress is coalesced, so a count can be skipped: act once at or past it
            var options = new PushOptions
            {
                Checkpoint = store,
                Progress = new SyncProgress<PushProgress>(p =>
                {
                    if (p.Completed >= 12 && !acted)
                    {
                        acted = true;
                        cancel.Cancel();
                    }
                }),
            };
            first = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, options, cancel.Token));
        }

        PushReport second;
        using (var store = new FileCheckpointStore(_path))
        {
            second = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, new PushOptions { Checkpoint = store }, TestContext.Current.CancellationToken));
        }

        Assert.True(first.Cancelled);
        Assert.True(first.NotAttempted > 0);
        Assert.Equal(30, second.Succeeded);
        Assert.Equal(first.Succeeded, second.Rows.Count(r => r.FromCheckpoint));
        Assert.All(second.Rows.Where(r => r.FromCheckpoint), r => Assert.Equal(0, r.Attempts));
        Assert.Equal(30, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
    }

    [Fact]
    public async Task PushAsync_RowStartedButNeverFinished_IsCheckedBeforeAnythingIsWritten()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        // An earlier run wrote row 0 and crashed before recording the outcome; row 1 it started but never sent.
        await harness.PushAsync([rows[0]]);
        using (var store = new FileCheckpointStore(_path))
        {
            foreach (var row in rows)
            {
                await store.RecordAsync(new CheckpointEntry(AdherenceSync.Checkpoints.CheckpointView.KeyOf(row), CheckpointState.Started), TestContext.Current.CancellationToken);
            }
        }

        PushReport report;
        using (var store = new FileCheckpointStore(_path))
        {
            report = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, new PushOptions { Checkpoint = store }, TestContext.Current.CancellationToken));
        }

        Assert.Equal(2, report.Succeeded);
        Assert.Equal(0, report.Rows[0].Attempts);
        Assert.Equal(harness.Simulator.Writes[0].ExplanationId, report.Rows[0].ExplanationId);
        Assert.Equal(1, report.Rows[1].Attempts);
        Assert.Equal(2, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        // Both rows in doubt are the same agent's: one query looks both up (a bulk lookup before any write).
        Assert.Equal(1, harness.Simulator.QueryCount);
    }

    private static Harness CreateSut() => new(s => s.RequestsPerMinute = 600, c => c.Pacing.RequestsPerMinute = 600);
}
