using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Push;

/// <summary>
/// 2,000 rows over 20 queues against a simulator that fails a quarter of the requests, from a fixed seed: every row ends
/// with one honest outcome and nothing is stored twice.
/// </summary>
public sealed class FaultSoakTests
{
    private const int Rows = 2000;
    private const int Queues = 20;

    [Fact]
    public async Task PushAsync_QuarterOfRequestsFaulted_EveryRowHasOneHonestOutcomeAndNothingIsStoredTwice()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(Rows, Queues, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // Exactly one outcome per row, and the counts add up.
        Assert.Equal(Enumerable.Range(0, Rows), report.Rows.Select(r => r.Index).Order());
        Assert.Equal(Rows, report.Succeeded + report.Rejected + report.Failed + report.NotAttempted);
        Assert.Equal(0, report.NotAttempted);

        // What the simulator stored, row by row (each row's notes are unique).
        var writesByRow = harness.Simulator.Writes.ToLookup(w => int.Parse(w.Notes!["Generated exception ".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1);
        foreach (var row in report.Rows)
        {
            var stored = writesByRow[row.Index].ToList();
            switch (row.Outcome)
            {
                case RowOutcome.Succeeded:
                    var write = Assert.Single(stored);
                    // The id where the platform gave one (a job, a reconciling query); otherwise the report says why not.
                    Assert.True(row.ExplanationId == write.ExplanationId || (row.ExplanationId is null && row.ExplanationIdMissingReason is not null), $"row {row.Index}: {row.ExplanationId} vs {write.ExplanationId}");
                    break;
                case RowOutcome.Rejected:
                    Assert.Empty(stored);
                    break;
                case RowOutcome.Unknown:
                    // May have landed: stored at most once.
                    Assert.True(stored.Count <= 1, $"row {row.Index}: stored {stored.Count}, {row.Error}");
                    break;
                default:
                    // Failed or not attempted: the platform does not have it.
                    Assert.True(stored.Count == 0, $"row {row.Index} is {row.Outcome} and stored {stored.Count} times: {row.Error}");
                    break;
            }
        }

        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.Empty(harness.Simulator.FindQueueOverlaps());
        var storedUnknown = report.Rows.Count(r => r.Outcome == RowOutcome.Unknown && writesByRow[r.Index].Any());
        Assert.Equal(harness.Simulator.Writes.Count, report.Succeeded + storedUnknown);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{report.Succeeded} succeeded, {report.Rejected} rejected, {report.Failed} failed, {report.Unknown} unknown ({storedUnknown} of them stored); " +
            $"{harness.Simulator.Requests.Count} requests, {harness.Simulator.ThrottledCount} throttled, {harness.Simulator.QueryCount} queries, " +
            $"{harness.Simulator.Writes.Count} stored; {report.Duration} of fake time");

        // The faults really happened: about 15 % of writes throttled, and ambiguous writes were checked, not repeated.
        Assert.InRange(harness.Simulator.ThrottledCount, 300, 700);
        Assert.True(harness.Simulator.QueryCount > 50, $"{harness.Simulator.QueryCount} queries");
        Assert.True(report.Succeeded > Rows * 0.95, $"{report.Succeeded} succeeded, {report.Failed} failed: {string.Join(" | ", report.Rows.Where(r => r.Outcome == RowOutcome.Failed).Select(r => r.Error).Distinct().Take(5))}");
    }

    [Fact]
    public async Task PushAsync_HalfTheQueriesAnswerAsJobs_EveryAppliedRowSucceedsOnce()
    {
        // Writes are dropped or stall after being applied (ambiguous), so rows are reconciled; half the queries answer
        // as a job (Processing, then Complete with a download link), which the client polls to its listing.
        using var harness = new Harness(
            simulator: s =>
            {
                s.RequestsPerMinute = 1_000_000;
                s.QueryJobShare = 0.5;
                s.QueryJobLatency = TimeSpan.FromSeconds(2);
                s.Faults.Random = new RandomFaults { Seed = 13, DropAfterWriteRate = 0.1, StallAfterWriteRate = 0.05, Stall = TimeSpan.FromSeconds(1.5) };
            },
            client: c =>
            {
                c.Pacing.RequestsPerMinute = 600_000;
                c.MaxParallelQueues = 16;
                c.Retry.AttemptTimeout = TimeSpan.FromSeconds(1);
            },
            clock: new FakeClock());
        var rows = SampleCohort.Generate(400, Queues, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var jobQueries = harness.Simulator.Requests.Count(r => r.Method == "GET" && r.Path.Contains("/jobs/", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{report.Succeeded} succeeded, {report.Failed} failed; {harness.Simulator.QueryCount} queries, {jobQueries} job polls");
        var applied = harness.Simulator.Writes.Select(w => w.Notes).ToHashSet();
        Assert.All(report.Rows.Where(r => applied.Contains(r.Row.Notes)), r => Assert.True(r.Outcome == RowOutcome.Succeeded, $"row {r.Index}: {r.Outcome}: {r.Error}"));
        Assert.Equal(400, report.Succeeded);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.True(harness.Simulator.QueryCount >= 20, $"{harness.Simulator.QueryCount} queries");
        Assert.True(jobQueries >= 10, $"{jobQueries} polls of query jobs");
    }

    private static Harness CreateSut() => new(
        simulator: s =>
        {
            s.RequestsPerMinute = 1_000_000;
            s.Faults.Random = new RandomFaults
            {
                Seed = 2026,
                ThrottleRate = 0.15,
                MaxRetryAfter = TimeSpan.FromSeconds(2),
                ServiceUnavailableRate = 0.05,
                DropAfterWriteRate = 0.02,
                StallAfterWriteRate = 0.02,
                Stall = TimeSpan.FromSeconds(1.5),
                IncludeQueries = true,
            };
        },
        client: c =>
        {
            c.Pacing.RequestsPerMinute = 600_000;
            c.MaxParallelQueues = 16;
            c.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
            c.Retry.MaxDelay = TimeSpan.FromSeconds(1);
            c.Retry.AttemptTimeout = TimeSpan.FromSeconds(1);
            // The random 429s here say nothing about a budget; adaptive pacing (tested on its own) would take them as
            // overload and stretch the run five-fold in fake time. This test is about outcomes, not speed.
            c.Pacing.Adaptive.Enabled = false;
        },
        clock: new FakeClock());
}
