using System.Runtime.CompilerServices;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Push;

/// <summary>A push that sends while it reads an <see cref="IAsyncEnumerable{T}"/> (Push/PushEngine.Stream.cs).</summary>
public sealed class PushEngineStreamTests
{
    [Fact]
    public async Task PushStreamAsync_SourceYieldingARowASecond_SendsEachWithinASecondAndHandsItsResultBackBeforeTheSourceEnds()
    {
        using var harness = Harness.Ample();
        var rows = SampleCohort.Generate(8, 2, harness.SimulatorOptions);
        var yieldedAt = new List<DateTimeOffset>();
        var results = new List<(RowResult Result, int YieldedBefore)>();

        async IAsyncEnumerable<AdherenceRow> OneASecond([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var row in rows)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), harness.Clock.Time, cancellationToken);
                yieldedAt.Add(harness.Clock.Time.GetUtcNow());
                yield return row;
            }
        }

        async Task<int> ConsumeAsync()
        {
            await foreach (var result in harness.Client.PushStreamAsync(OneASecond(), cancellationToken: TestContext.Current.CancellationToken))
            {
                results.Add((result, yieldedAt.Count));
            }

            return results.Count;
        }

        Assert.Equal(8, await harness.Clock.RunAsync(ConsumeAsync()));

        // Each row's write was applied within a second of its yield, and its result came back while later rows were unread.
        Assert.Equal(8, harness.Simulator.Writes.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var write = Assert.Single(harness.Simulator.Writes, w => w.AgentId == row.AgentId && DateTimeOffset.Parse(w.StartDate, System.Globalization.CultureInfo.InvariantCulture) == row.StartDate);
            Assert.InRange(write.AppliedAt - yieldedAt[i], TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        Assert.All(results, r => Assert.Equal(RowOutcome.Succeeded, r.Result.Outcome));
        Assert.Equal(Enumerable.Range(0, 8), results.Select(r => r.Result.Index).Order());
        Assert.True(results[0].YieldedBefore < rows.Count, $"first result after {results[0].YieldedBefore} rows were yielded");
    }

    [Fact]
    public async Task PushAsync_StreamWithInvalidRows_ReportsThemInvalidWithTheirErrorsAndSendsTheRest()
    {
        using var harness = Harness.Ample();
        var rows = SampleCohort.Generate(6, 2, harness.SimulatorOptions).ToList();
        rows[2] = new AdherenceRow { AgentId = rows[2].AgentId, QueueId = rows[2].QueueId, StartDate = rows[2].StartDate, LengthMinutes = 0 };
        rows[4] = rows[0];

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(Stream(rows, TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((6, 4, 2), (report.Total, report.Succeeded, report.Invalid));
        Assert.Equal(RowOutcome.Invalid, report.Rows[2].Outcome);
        Assert.Equal("invalid, not sent: LengthMinutes: must be between 1 and 1440 (was 0).", report.Rows[2].Error);
        Assert.Equal(0, report.Rows[2].Attempts);
        Assert.Equal("invalid, not sent: Duplicate: same AgentId, StartDate, LengthMinutes and Type as row 0; it would be written twice.", report.Rows[4].Error);
        Assert.Equal(4, harness.Simulator.Writes.Count);
        Assert.DoesNotContain(harness.Simulator.Writes, w => w.LengthMinutes == 0);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
    }

    [Fact]
    public async Task PushStreamAsync_FastSource_IsReadNoFurtherAheadThanMaxRowsHeld()
    {
        using var harness = Harness.Ample(client: c => c.MaxRowsHeld = 3);
        var rows = SampleCohort.Generate(20, 2, harness.SimulatorOptions);
        var furthestAhead = 0;

        async Task<int> ConsumeAsync()
        {
            var ended = 0;
            await foreach (var result in harness.Client.PushStreamAsync(
                Yielding(rows, i => furthestAhead = Math.Max(furthestAhead, i + 1 - harness.Simulator.Writes.Count)), cancellationToken: TestContext.Current.CancellationToken))
            {
                // furthestAhead: rows yielded (the one being yielded too) less rows written, that is those held unsent and this one.
                ended++;
            }

            return ended;
        }

        Assert.Equal(20, await harness.Clock.RunAsync(ConsumeAsync()));

        // Three rows held, and the one just yielded that waits for a slot; read without back-pressure it would be 20.
        Assert.InRange(furthestAhead, 1, 4);
        Assert.Equal(20, harness.Simulator.Writes.Count);
    }

    [Fact]
    public async Task PushStreamAsync_ConsumerLeavesEarly_CancelsThePushAndStopsReading()
    {
        using var harness = Harness.Ample(client: c => c.MaxRowsHeld = 2);
        var rows = SampleCohort.Generate(40, 1, harness.SimulatorOptions);
        var yielded = 0;

        async Task<int> TakeTwoAsync()
        {
            var taken = 0;
            await foreach (var result in harness.Client.PushStreamAsync(Yielding(rows, _ => yielded++), cancellationToken: TestContext.Current.CancellationToken))
            {
                if (++taken == 2)
                {
                    break;
                }
            }

            return taken;
        }

        Assert.Equal(2, await harness.Clock.RunAsync(TakeTwoAsync()));
        Assert.InRange(yielded, 2, 6);
        Assert.InRange(harness.Simulator.Writes.Count, 2, 6);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
    }

    [Fact]
    public async Task PushStreamAsync_CancelledMidway_HandsBackEveryRowReadOnceWithCountsThatAddUp()
    {
        using var harness = Harness.Ample(client: c => c.MaxRowsHeld = 4);
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);
        using var cts = new CancellationTokenSource();
        var results = new List<RowResult>();

        async Task<int> ConsumeAsync()
        {
            await foreach (var result in harness.Client.PushStreamAsync(Stream(rows), cancellationToken: cts.Token))
            {
                results.Add(result);
                if (results.Count == 10)
                {
                    await cts.CancelAsync();
                }
            }

            return results.Count;
        }

        var count = await harness.Clock.RunAsync(ConsumeAsync());

        // Reading stopped (10 handed back, at most 4 held and 1 waiting for a slot), and every row read came back once.
        Assert.InRange(count, 10, 15);
        Assert.Equal(Enumerable.Range(0, count), results.Select(r => r.Index).Order());
        Assert.All(results.Skip(10), r => Assert.NotEqual(RowOutcome.Failed, r.Outcome));
        Assert.InRange(harness.Simulator.Writes.Count, results.Count(r => r.Outcome == RowOutcome.Succeeded), results.Count(r => r.Outcome is RowOutcome.Succeeded or RowOutcome.Unknown));
    }

    [Fact]
    public async Task PushAsync_KeepRowsOff_ReportHasTheCountsAndNoRowsAndRowEndedSawEachOnce()
    {
        using var harness = Harness.Ample();
        var rows = SampleCohort.Generate(12, 3, harness.SimulatorOptions);
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        var options = new PushOptions { KeepRows = false, RowEnded = r => { seen.Add(r.Index); return ValueTask.CompletedTask; } };

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(Stream(rows, TestContext.Current.CancellationToken), options, TestContext.Current.CancellationToken));

        Assert.Equal((12, 12), (report.Total, report.Succeeded));
        Assert.Empty(report.Rows);
        Assert.True(report.AllSucceeded);
        Assert.Equal(Enumerable.Range(0, 12), seen.Order());
    }

    [Fact]
    public async Task PushAsync_RowEndedThrows_HaltsWithTheReasonAndEveryRowReadEnds()
    {
        using var harness = Harness.Ample();
        var rows = SampleCohort.Generate(12, 1, harness.SimulatorOptions);
        var options = new PushOptions { RowEnded = r => r.Index == 2 ? throw new IOException("disk full") : ValueTask.CompletedTask };

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(Stream(rows, TestContext.Current.CancellationToken), options, TestContext.Current.CancellationToken));

        Assert.Equal("the RowEnded handler failed: IOException: disk full", report.HaltReason);
        Assert.Equal(3, report.Succeeded);
        Assert.Equal(report.Total, report.Succeeded + report.NotAttempted);
        Assert.Equal(3, harness.Simulator.Writes.Count);
        Assert.All(report.Rows.Skip(3), r => Assert.StartsWith("not sent: the push halted (the RowEnded handler failed", r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushAsync_StreamCancelledMidway_ReadsTheRestNotAttemptedSoTheCountsAddUpToTheInput()
    {
        using var harness = Harness.Ample(client: c => c.MaxRowsHeld = 4);
        var rows = SampleCohort.Generate(200, 4, harness.SimulatorOptions);
        using var cts = new CancellationTokenSource();
        var options = new PushOptions { KeepRows = false, RowEnded = async r => { if (r.Index == 9) { await cts.CancelAsync(); } } };

        // A source that does not take the token (a file reader): it is read to its end, nothing more is sent.
        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(Yielding(rows, _ => { }), options, cts.Token));

        // When row 9 ends, at most MaxRowsHeld (4) rows are held, row 9 among them: rows 0-8 have ended but for at most 3
        // still waiting in their queues, which end not sent (a loaded machine ran one queue behind the others: 9 sent).
        // Those held may also be sent after the cancellation, and at most 4 more read. So 10 - 3 to 10 + 5 are sent.
        Assert.True(report.Cancelled);
        Assert.Equal(200, report.Total);
        Assert.InRange(report.NotAttempted, 200 - 15, 200 - 7);
        Assert.InRange(harness.Simulator.Writes.Count, 7, 15);
    }

    [Fact]
    public async Task PushAsync_SourceThrowsMidway_HaltsWithTheReasonAndAccountsForEveryRowRead()
    {
        using var harness = Harness.Ample();
        var rows = SampleCohort.Generate(5, 1, harness.SimulatorOptions);

        async IAsyncEnumerable<AdherenceRow> Failing()
        {
            foreach (var row in await Task.FromResult(rows))
            {
                yield return row;
            }

            throw new InvalidDataException("line 7 is torn");
        }

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(Failing(), cancellationToken: TestContext.Current.CancellationToken));

        // The rows read before the failure are seen through (sent, or not sent once halted); none is lost.
        Assert.Equal("reading the rows failed: InvalidDataException: line 7 is torn", report.HaltReason);
        Assert.Equal(5, report.Total);
        Assert.Equal(report.Succeeded, harness.Simulator.Writes.Count);
        Assert.Equal(5, report.Succeeded + report.NotAttempted);
    }

    /// <summary>A source that yields to the scheduler before each row, calls <paramref name="beforeYield"/> with its index, and takes no token.</summary>
    private static async IAsyncEnumerable<AdherenceRow> Yielding(IReadOnlyList<AdherenceRow> rows, Action<int> beforeYield)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            await Task.Yield();
            beforeYield(i);
            yield return rows[i];
        }
    }

    private static async IAsyncEnumerable<AdherenceRow> Stream(IEnumerable<AdherenceRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }
}
