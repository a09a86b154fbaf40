using System.Runtime.CompilerServices;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Push;

public sealed class PushEngineTests
{
    [Fact]
    public async Task PushAsync_UnthrottledSimulator_EveryRowSucceedsOnceWithoutAnIdAndSaysWhy()
    {
        using var harness = CreateSut(s => s.RequestsPerMinute = 60_000, c => c.Pacing.RequestsPerMinute = 60_000);
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // The platform's 200 holds the job reference only: Succeeded, with no id, and the reason in the report.
        Assert.Equal(30, report.Succeeded);
        Assert.Equal(30, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.All(report.Rows, r => Assert.Null(r.ExplanationId));
        Assert.All(report.Rows, r => Assert.StartsWith("the platform answered 200 with job job-", r.ExplanationIdMissingReason, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 30), report.Rows.Select(r => r.Index));
        Assert.Equal(0, harness.Simulator.QueryCount);
    }

    [Theory]
    [InlineData("bu-simulated", 1)]
    [InlineData(null, 12)]
    public async Task PushAsync_ResolveExplanationIds_FillsEveryIdInFewQueries(string? businessUnit, int expectedQueries)
    {
        using var harness = CreateSut(s => s.RequestsPerMinute = 60_000, c =>
        {
            c.Pacing.RequestsPerMinute = 60_000;
            c.ResolveExplanationIds = true;
            c.BusinessUnitId = businessUnit;
        });
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // One business-unit query for the 12 agents of the 30 rows, or one query per agent without the business unit.
        Assert.Equal(30, report.Succeeded);
        Assert.Equal(harness.Simulator.Writes.Select(w => w.ExplanationId).Order(), report.Rows.Select(r => r.ExplanationId).Order());
        Assert.All(report.Rows, r => Assert.Null(r.ExplanationIdMissingReason));
        Assert.Equal(expectedQueries, harness.Simulator.QueryCount);
    }

    [Fact]
    public async Task PushAsync_429Storm_EveryRowSucceedsOnceAndNothingArrivesDuringARetryAfter()
    {
        // The client believes in 10 requests a second; the server allows 1. With adaptation off nothing learns the real
        // budget, so only the Retry-Afters hold the client back.
        using var harness = CreateSut(s => s.RequestsPerMinute = 60, c =>
        {
            c.Pacing.RequestsPerMinute = 600;
            c.Pacing.Adaptive.Enabled = false;
        });
        var rows = SampleCohort.Generate(40, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // A row refused by a 429 waits its Retry-After and is back in line before the pause ends, so fresh rows never
        // overtake it (the pause lasts PacingConstants.PauseMargin longer): every row succeeds, once. Without the margin,
        // rows lost that race to fresh rows and some spent all 5 attempts on 429s (1 to 4 rows in 4 of 6 runs, 2026-12-07).
        Assert.Equal(40, report.Total);
        Assert.Equal(40, report.Succeeded);
        Assert.True(harness.Simulator.ThrottledCount >= 10, $"expected a storm, saw {harness.Simulator.ThrottledCount} 429s");
        Assert.Equal(report.Succeeded, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.Empty(harness.Simulator.FindRetryAfterViolations());
        Assert.All(report.Rows, r => Assert.InRange(r.Attempts, 1, 5));
    }

    [Fact]
    public async Task PushAsync_FourParallelQueues_NoTwoWritesOfAQueueOverlapButQueuesRunAtOnce()
    {
        using var harness = CreateSut(
            s =>
            {
                s.RequestsPerMinute = 60_000;
                s.WriteLatency = TimeSpan.FromMilliseconds(300);
            },
            c =>
            {
                c.Pacing.RequestsPerMinute = 60_000;
                c.MaxParallelQueues = 4;
            });
        var rows = SampleCohort.Generate(64, 8, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(64, report.Succeeded);
        Assert.Empty(harness.Simulator.FindQueueOverlaps());
        Assert.Equal(1, harness.InFlight.MaxInFlightPerQueue);
        Assert.InRange(harness.InFlight.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task PushAsync_OneRowAnswered400_IsRejectedWithTheServersReasonAndTheOthersSucceed()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[5] = SimulatedFault.Status(400, "bad.request", "The agent is not in a management unit."));
        var rows = SampleCohort.Generate(9, 3, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var rejected = Assert.Single(report.Rows, r => r.Outcome == RowOutcome.Rejected);
        Assert.DoesNotContain(harness.Simulator.Writes, w => w.AgentId == rejected.Row.AgentId && w.StartDate == AdherenceSync.Genesys.ExplanationRequestBody.FormatDate(rejected.Row.StartDate));
        Assert.Equal(400, rejected.HttpStatus);
        Assert.Equal(1, rejected.Attempts);
        Assert.Equal("HTTP 400 bad.request: The agent is not in a management unit.", rejected.Error);
        Assert.Equal(8, report.Succeeded);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task PushAsync_AuthFailureMidRun_HaltsAndLeavesTheRestNotAttempted(int status)
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[4] = SimulatedFault.Status(status, "bad.credentials", "Invalid login credentials."));
        var rows = SampleCohort.Generate(10, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal([RowOutcome.Succeeded, RowOutcome.Succeeded, RowOutcome.Succeeded, RowOutcome.Failed], report.Rows.Take(4).Select(r => r.Outcome));
        Assert.All(report.Rows.Skip(4), r => Assert.Equal(RowOutcome.NotAttempted, r.Outcome));
        Assert.All(report.Rows.Skip(4), r => Assert.StartsWith("not sent: the push halted (HTTP " + status, r.Error));
        Assert.Equal(status, report.Rows[3].HttpStatus);
        Assert.Equal($"HTTP {status} bad.credentials: Invalid login credentials.: the credentials were refused", report.HaltReason);
        Assert.Equal(4, harness.Simulator.Requests.Count);
    }

    [Fact]
    public async Task PushAsync_InvalidInput_SendsNothingAndNamesEachRowAndField()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(5, 1, harness.SimulatorOptions).ToList();
        rows[1] = new AdherenceRow { AgentId = "a/b", QueueId = "q", StartDate = rows[1].StartDate, LengthMinutes = 0 };
        rows[4] = rows[0];

        var error = await Assert.ThrowsAsync<AdherenceValidationException>(() => harness.PushAsync(rows));

        Assert.Equal(
            ["row 1, AgentId: must not contain '/' (ids go into the URL path).", "row 1, LengthMinutes: must be between 1 and 1440 (was 0).",
             "row 4, Duplicate: same AgentId, StartDate, LengthMinutes and Type as row 0; it would be written twice."],
            error.Errors.Select(e => e.ToString()));
        Assert.StartsWith("3 invalid input row(s); nothing was sent.", error.Message);
        Assert.Empty(harness.Simulator.Requests);
    }

    [Fact]
    public async Task PushAsync_CancelledMidway_ReturnsAReportWhoseCountsAddUp()
    {
        using var harness = CreateSut(s => s.RequestsPerMinute = 600, c => c.Pacing.RequestsPerMinute = 600);
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);
        using var cts = new CancellationTokenSource();
        var acted = false; // progress is coalesced, so a count can be skipped: act once at or past it
        var progress = new SyncProgress<PushProgress>(p =>
        {
            if (p.Completed >= 10 && !acted)
            {
                acted = true;
                cts.Cancel();
            }
        });

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, new PushOptions { Progress = progress }, cts.Token));

        Assert.True(report.Cancelled);
        Assert.Equal(30, report.Total);
        Assert.True(report.Succeeded >= 10);
        Assert.True(report.NotAttempted >= 15, $"{report}");
        // Not attempted: never sent, or only refused with a 429 (which applies nothing) and cancelled before the next try.
        // The client told 600 a minute may burst past the simulator's one-second bucket, so such a 429 depends on timing.
        Assert.All(report.Rows.Where(r => r.Outcome == RowOutcome.NotAttempted), r => Assert.True(
            r.Attempts == 0 || r.Error!.StartsWith("cancelled before the next retry, nothing applied; last error: HTTP 429", StringComparison.Ordinal),
            r.ToString()));
        Assert.Contains(report.Rows, r => r.Outcome == RowOutcome.NotAttempted && r.Attempts == 0);
        Assert.InRange(harness.Simulator.Writes.Count, report.Succeeded, report.Succeeded + report.Unknown);
        Assert.Equal(0, report.Failed);   // nothing here fails: a row stopped mid-write is Unknown, never Failed
    }

    [Fact]
    public async Task PushAsync_CancelledDuringARetryAfterWait_ReportsTheRowNotAttemptedWithItsLastError()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = SimulatedFault.Throttle("60"));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);
        using var cts = new CancellationTokenSource();
        var push = harness.Client.PushAsync(rows, cancellationToken: cts.Token);
        var cancelOnThrottle = Task.Run(async () =>
        {
            // Once the 429 has reached the client: it is then waiting out the Retry-After.
            while ((harness.Simulator.ThrottledCount == 0 || harness.InFlight.Current > 0) && !push.IsCompleted)
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }

            await cts.CancelAsync();
        }, TestContext.Current.CancellationToken);

        var report = await harness.Clock.RunAsync(push);
        await cancelOnThrottle;

        // The 429 applied nothing: the row is not attempted (a resume sends it), and its error keeps the server's answer.
        var row = Assert.Single(report.Rows);
        Assert.True(row.Outcome == RowOutcome.NotAttempted, row.Error);
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("cancelled before the next retry, nothing applied; last error: HTTP 429", row.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Simulator.Writes);
        Assert.Single(harness.Simulator.Requests);
    }

    [Fact]
    public async Task PushAsync_AlreadyCancelled_ReportsEveryRowNotAttemptedAndSendsNothing()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(12, 2, harness.SimulatorOptions);

        var report = await harness.Client.PushAsync(rows, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(12, report.NotAttempted);
        Assert.All(report.Rows, r => Assert.Equal("cancelled before it was sent", r.Error));
        Assert.Empty(harness.Simulator.Requests);
    }

    [Fact]
    public async Task PushAsync_RetryAfterAsHttpDate_IsHonoured()
    {
        var clock = new FakeClock();
        var until = clock.Time.GetUtcNow().AddSeconds(20);
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = SimulatedFault.Throttle(until.ToString("r")), clock: clock);
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(2, report.Succeeded);
        Assert.Equal(2, report.Rows[0].Attempts);
        var requests = harness.Simulator.Requests;
        Assert.Equal(429, requests[0].StatusCode);
        Assert.True(requests[1].ArrivedAt >= until, $"retried at {requests[1].ArrivedAt:O}, before {until:O}");
    }

    [Fact]
    public async Task PushAsync_RetryAfterBeyondMaxRetryAfter_FailsTheRowQuotingTheWaitAndSendsNoMore()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[2] = SimulatedFault.Throttle("600"));
        var rows = SampleCohort.Generate(6, 2, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Succeeded, report.Rows[0].Outcome);
        var throttled = report.Rows.Single(r => r.Outcome == RowOutcome.Failed);
        Assert.Equal(429, throttled.HttpStatus);
        Assert.Contains("the server asked to wait '600' (600 s), longer than MaxRetryAfter (180 s); not retried", throttled.Error);
        // Each quotes the pause left when it was refused: 600 s, or a little less for a row refused later.
        Assert.All(report.Rows.Where(r => r.Outcome == RowOutcome.NotAttempted), r =>
            Assert.Matches(@"^not sent: the budget is paused for (59\d|600) s by the server's Retry-After, longer than MaxRetryAfter \(180 s\)$", r.Error));
        Assert.Equal(4, report.NotAttempted);
        Assert.Equal(2, harness.Simulator.Requests.Count);
    }

    [Fact]
    public async Task PushAsync_ServerKeepsFailing_RowFailsAfterFiveAttemptsWithTheLastError()
    {
        using var harness = CreateSut(s => s.Faults.ForAgent["agent-01-001"] = SimulatedFault.Status(503, "service.unavailable", "Try later."));
        var rows = SampleCohort.Generate(3, 3, harness.SimulatorOptions);
        Assert.Single(rows, r => r.AgentId == "agent-01-001");

        var report = await harness.PushAsync(rows);

        var failed = Assert.Single(report.Rows, r => r.Outcome == RowOutcome.Failed);
        Assert.Equal(5, failed.Attempts);
        Assert.Equal(503, failed.HttpStatus);
        Assert.Equal("gave up after 5 attempts: HTTP 503 service.unavailable: Try later.", failed.Error);
        // A 503 may have been applied: each is followed by a query that shows it was not, then the next write.
        Assert.Equal(5, harness.Simulator.Requests.Count(r => r.AgentId == "agent-01-001" && !r.Path.EndsWith("/query", StringComparison.Ordinal)));
        Assert.Equal(5, harness.Simulator.Requests.Count(r => r.AgentId == "agent-01-001" && r.Path.EndsWith("/query", StringComparison.Ordinal)));
        Assert.Equal(2, report.Succeeded);
    }

    [Fact]
    public async Task PushAsync_TransientFailures_AreRetriedToSuccess()
    {
        using var harness = CreateSut(s =>
        {
            s.Faults.AtRequest[1] = SimulatedFault.Status(503);
            s.Faults.AtRequest[2] = SimulatedFault.Status(502);
            s.Faults.AtRequest[3] = SimulatedFault.Status(408);
        });
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(2, report.Succeeded);
        Assert.Equal(4, report.Rows[0].Attempts);
        Assert.Equal(2, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
    }

    [Fact]
    public async Task PushAsync_AsyncStreamAndProgress_ReportEveryRow()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(15, 3, harness.SimulatorOptions);
        var snapshots = new List<PushProgress>();

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(
            Stream(rows, TestContext.Current.CancellationToken), new PushOptions { Progress = new SyncProgress<PushProgress>(snapshots.Add) }, TestContext.Current.CancellationToken));

        Assert.Equal(15, report.Succeeded);
        // Always forward, ending at the total: a snapshot may be skipped when the handler runs behind the rows.
        Assert.Equal(15, snapshots[^1].Completed);
        Assert.Equal(snapshots.Select(p => p.Completed).Distinct().Order(), snapshots.Select(p => p.Completed));
        // A stream's total is the rows read so far: it grows to the input and never trails the rows that ended.
        Assert.Equal(15, snapshots[^1].Total);
        Assert.All(snapshots, p => Assert.InRange(p.Completed, 0, p.Total));
        Assert.Equal(snapshots.Select(p => p.Total).Order(), snapshots.Select(p => p.Total));
    }

    [Fact]
    public async Task PushAsync_ProgressHandlerThrows_EveryRowStillGetsItsOutcome()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(6, 2, harness.SimulatorOptions);

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(
            rows, new PushOptions { Progress = new SyncProgress<PushProgress>(_ => throw new InvalidOperationException("UI gone")) }, TestContext.Current.CancellationToken));

        Assert.Equal(6, report.Succeeded);
    }

    [Fact]
    public async Task PushAsync_DefectAfterTheWriteWasApplied_RowIsUnknownNotFailed()
    {
        // A logging provider that throws on "answered" and "request failed" (events 14 and 15) stands for any defect on the row's path after a write left.
        using var harness = Harness.Ample(logs: new ThrowingLogs(14, 15));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = Assert.Single(report.Rows);
        Assert.Single(harness.Simulator.Writes);
        Assert.True(row.Outcome == RowOutcome.Unknown, $"{row.Outcome}: {row.Error}");
        Assert.StartsWith("outcome unknown: internal error after the write left: ", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_CheckpointCannotRecordAnOutcome_HaltsAndReportsEveryRow()
    {
        using var harness = Harness.Ample();

        // The store records that the first row started, and then fails when its outcome is recorded.
        var report = await PushToFailingStoreAsync(harness, queues: 1, failFrom: 2);

        Assert.Equal((6, 1, 5), (report.Total, report.Succeeded, report.NotAttempted));
        Assert.Single(harness.Simulator.Writes);
        Assert.Equal("the checkpoint could not record a row: IOException: disk full", report.HaltReason);
    }

    [Fact]
    public async Task PushAsync_CheckpointCannotRecordThatARowStarted_HaltsAndSendsNothing()
    {
        using var harness = Harness.Ample();

        var report = await PushToFailingStoreAsync(harness, queues: 2, failFrom: 1);

        Assert.Equal((6, 6), (report.Total, report.NotAttempted));
        Assert.DoesNotContain(harness.Simulator.Requests, r => r.AgentId is not null);
        Assert.All(report.Rows, r => Assert.Equal("not sent: the push halted (the checkpoint could not record a row: IOException: disk full)", r.Error));
    }

    /// <summary>Pushes 6 rows over <paramref name="queues"/> queues with a checkpoint whose records fail from the <paramref name="failFrom"/>-th on.</summary>
    private static Task<PushReport> PushToFailingStoreAsync(Harness harness, int queues, int failFrom)
        => harness.Clock.RunAsync(harness.Client.PushAsync(
            SampleCohort.Generate(6, queues, harness.SimulatorOptions), new PushOptions { Checkpoint = new FailingStore(failFrom) }, TestContext.Current.CancellationToken));

    private static async IAsyncEnumerable<AdherenceRow> Stream(IEnumerable<AdherenceRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    private static Harness CreateSut(Action<WfmSimulatorOptions>? simulator = null, Action<AdherenceSyncOptions>? client = null, FakeClock? clock = null)
        => new(simulator, client, clock);

    /// <summary>Loggers that throw on the given events, as a broken logging provider would.</summary>
    private sealed class ThrowingLogs(params int[] eventIds) : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventIds.Contains(eventId.Id))
            {
                throw new InvalidOperationException($"the logging provider failed on event {eventId.Id}");
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A checkpoint store whose records fail from the <c>failFrom</c>-th on, as a full disk makes them.</summary>
    private sealed class FailingStore(int failFrom) : ICheckpointStore
    {
        private int _records;

        public ValueTask<IReadOnlyList<CheckpointEntry>> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<CheckpointEntry>>([]);

        public ValueTask RecordAsync(CheckpointEntry entry, CancellationToken cancellationToken)
            => Interlocked.Increment(ref _records) >= failFrom ? ValueTask.FromException(new IOException("disk full")) : ValueTask.CompletedTask;
    }
}
