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
    public void MarkRemaining_AfterSomeOutcomes_GivesEveryOtherRowOneAndTheCountsAddUp()
    {
        var progress = new List<PushProgress>();
        var sut = Create(progress);
        sut.Record(Result(1, RowOutcome.Succeeded));
        sut.Record(Result(3, RowOutcome.Rejected));

        sut.MarkRemaining(RowOutcome.NotAttempted, "cancelled before it was sent");
        var report = sut.Build(cancelled: true, haltReason: null);

        Assert.Equal((4, 1, 1, 0, 2), (report.Total, report.Succeeded, report.Rejected, report.Failed, report.NotAttempted));
        Assert.Equal([0, 1, 2, 3], report.Rows.Select(r => r.Index));
        Assert.All(report.Rows.Where(r => r.Outcome == RowOutcome.NotAttempted), r => Assert.Equal("cancelled before it was sent", r.Error));
        // Progress after each outcome, then once for the rows marked at the end.
        Assert.Equal(4, progress[^1].Completed);
        Assert.Equal([1, 2], progress.Take(2).Select(p => p.Completed));
    }

    private static ReportCollector Create(List<PushProgress> progress)
    {
        var time = new FakeTimeProvider();
        return new ReportCollector(Rows, time, time.GetTimestamp(), new SyncProgress<PushProgress>(progress.Add));
    }

    private static RowResult Result(int index, RowOutcome outcome) => new() { Index = index, Row = Rows[index], Outcome = outcome };
}
