using AdherenceSync.Reporting;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Reporting;

public sealed class ReportCollectorTests
{
    private static readonly AdherenceRow[] Rows = [.. Enumerable.Range(0, 4).Select(i => new AdherenceRow
    {
        AgentId = $"a-{i}", QueueId = "q-1", StartDate = new DateTimeOffset(2026, 11, 27, 8, i, 0, TimeSpan.Zero), LengthMinutes = 15,
    })];

    [Fact]
    public void Record_SecondOutcomeForARow_Throws()
    {
        var sut = Create([]);
        sut.Record(Result(0, RowOutcome.Succeeded));

        var error = Assert.Throws<InvalidOperationException>(() => sut.Record(Result(0, RowOutcome.Failed)));

        Assert.Equal("Row 0 already has an outcome.", error.Message);
    }

    [Fact]
    public async Task MarkRemaining_AfterSomeOutcomes_GivesEveryOtherRowOneAndProgressEndsAtTheTotal()
    {
        var progress = new List<PushProgress>();
        var sut = Create(progress);
        sut.Record(Result(1, RowOutcome.Succeeded));
        sut.Record(Result(3, RowOutcome.Rejected));

        sut.MarkRemaining(RowOutcome.NotAttempted, "cancelled before it was sent");
        var report = await sut.BuildAsync(cancelled: true, haltReason: null);

        Assert.Equal((1, 1, 0, 2), (report.Succeeded, report.Rejected, report.Failed, report.NotAttempted));
        Assert.Equal([0, 1, 2, 3], report.Rows.Select(r => r.Index));
        Assert.All(report.Rows.Where(r => r.Outcome == RowOutcome.NotAttempted), r => Assert.Equal("cancelled before it was sent", r.Error));
        // Handed over by the time the report is built, always forward, ending at the total.
        Assert.Equal(4, progress[^1].Completed);
        Assert.Equal(progress.Select(p => p.Completed).Order(), progress.Select(p => p.Completed));
    }

    [Fact]
    public async Task Record_ProgressHandlerBlocks_OutcomesAreStillRecordedAndTheLatestSnapshotFollows()
    {
        using var release = new ManualResetEventSlim();
        var progress = new List<PushProgress>();
        var calls = 0;
        var concurrent = 0;
        var sut = Create(progress, p =>
        {
            concurrent = Math.Max(concurrent, Interlocked.Increment(ref calls));
            release.Wait(TestContext.Current.CancellationToken);   // a handler that blocks until the test lets it go
            Interlocked.Decrement(ref calls);
        });

        // Four rows finish, from two threads, while the handler is stuck on the first snapshot.
        var recording = Task.WhenAll(
            Task.Run(() => { sut.Record(Result(0, RowOutcome.Succeeded)); sut.Record(Result(1, RowOutcome.Succeeded)); }, TestContext.Current.CancellationToken),
            Task.Run(() => { sut.Record(Result(2, RowOutcome.Failed)); sut.Record(Result(3, RowOutcome.Rejected)); }, TestContext.Current.CancellationToken));
        var recorded = await Task.WhenAny(recording, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)) == recording;
        release.Set();
        var report = await sut.BuildAsync(cancelled: false, haltReason: null);

        Assert.True(recorded, "recording an outcome waited for the progress handler");
        Assert.Equal(4, report.Rows.Count(r => r.Outcome != RowOutcome.NotAttempted));
        Assert.Equal(4, progress[^1].Completed);
        Assert.Equal(1, concurrent);
    }

    private static ReportCollector Create(List<PushProgress> progress, Action<PushProgress>? handler = null)
    {
        var time = new FakeTimeProvider();
        return new ReportCollector(Rows, time, time.GetTimestamp(), new SyncProgress<PushProgress>(p =>
        {
            handler?.Invoke(p);
            progress.Add(p);
        }));
    }

    private static RowResult Result(int index, RowOutcome outcome) => new() { Index = index, Row = Rows[index], Outcome = outcome };
}
