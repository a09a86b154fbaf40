using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Push;

public sealed class JobConfirmationTests
{
    [Fact]
    public async Task Push_202WhoseJobCompletes_SucceedsWithTheExplanationId()
    {
        using var harness = CreateSut(s => s.JobLatency = TimeSpan.FromSeconds(3));
        var rows = SampleCohort.Generate(6, 2, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(6, report.Succeeded);
        Assert.Equal(harness.Simulator.Writes.Select(w => w.ExplanationId).Order(), report.Rows.Select(r => r.ExplanationId).Order());
        Assert.All(report.Rows, r => Assert.StartsWith("job-", r.JobId));
        Assert.True(harness.Simulator.Requests.Count(r => r.Method == "GET") >= 6);
    }

    [Fact]
    public async Task Push_JobEndsInError_IsRejectedWithTheJobsError()
    {
        using var harness = CreateSut(s =>
        {
            s.JobLatency = TimeSpan.FromSeconds(2);
            s.Faults.AtRequest[2] = SimulatedFault.FailJob("The explanation overlaps an existing one.");
        });
        var rows = SampleCohort.Generate(4, 2, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var rejected = Assert.Single(report.Rows, r => r.Outcome == RowOutcome.Rejected);
        Assert.DoesNotContain(harness.Simulator.Writes, w => w.AgentId == rejected.Row.AgentId && w.StartDate == AdherenceSync.Genesys.ExplanationRequestBody.FormatDate(rejected.Row.StartDate));
        Assert.Equal($"job {rejected.JobId} ended in Error: job.failed: The explanation overlaps an existing one.", rejected.Error);
        Assert.Equal(3, report.Succeeded);
        Assert.Equal(3, harness.Simulator.Writes.Count);
    }

    [Fact]
    public async Task Push_JobThatNeverCompletes_IsUnknownAsNotConfirmedNeverSucceeded()
    {
        using var harness = CreateSut(
            s =>
            {
                s.JobLatency = TimeSpan.FromSeconds(2);
                s.Faults.AtRequest[2] = SimulatedFault.StallJob();
            },
            c => c.JobConfirmationTimeout = TimeSpan.FromSeconds(20));
        var rows = SampleCohort.Generate(3, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var failed = Assert.Single(report.Rows, r => r.Outcome == RowOutcome.Unknown);
        Assert.Equal(1, failed.Index);
        Assert.Equal($"not confirmed: the platform accepted job {failed.JobId} but still not finished after 20 s", failed.Error);
        Assert.Null(failed.ExplanationId);
        Assert.Equal(2, report.Succeeded);
    }

    [Fact]
    public async Task Push_SlowJob_IsPolledWithGrowingGapsThroughTheBudget()
    {
        using var harness = CreateSut(s => s.JobLatency = TimeSpan.FromSeconds(40), c => c.JobPollDelay = TimeSpan.FromSeconds(1));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(1, report.Succeeded);
        var write = harness.Simulator.Requests.First(r => r.Method == "POST");
        var polls = harness.Simulator.Requests.Where(r => r.Method == "GET").Select(r => r.ArrivedAt).ToList();
        // Gaps include each answer's time on the wire, so they are checked against lower bounds: 1 s, then doubling, to 15 s;
        // and above by 2 s more, as the fake clock steps on while a poll is on the wire (16 s seen under CI load).
        var gaps = polls.Zip(polls.Skip(1), (a, b) => b - a).Prepend(polls[0] - write.ArrivedAt).ToList();
        var expected = new[] { 1, 2, 4, 8, 15, 15 };
        Assert.All(gaps.Select((gap, i) => (gap, i)), g => Assert.True(g.gap >= TimeSpan.FromSeconds(expected[g.i]), $"gaps {string.Join(", ", gaps)}"));
        Assert.All(gaps.Skip(1).Select((gap, i) => (gap, i)), g => Assert.True(g.gap < TimeSpan.FromSeconds(expected[g.i + 1] + 2), $"gaps {string.Join(", ", gaps)}"));
        Assert.InRange(polls.Count, 4, 6);
    }

    [Fact]
    public async Task Push_JobsInParallelQueues_NeverGiveThePlatformTwoWritesOfAQueueAtOnce()
    {
        using var harness = CreateSut(s => s.JobLatency = TimeSpan.FromSeconds(2), c => c.MaxParallelQueues = 3);
        var rows = SampleCohort.Generate(18, 3, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(18, report.Succeeded);
        Assert.Empty(harness.Simulator.FindQueueOverlaps());
    }

    [Fact]
    public async Task Push_202sWithTheBusinessUnit_OneQueryConfirmsTheJobsOfSeveralQueuesAndNoJobIsPolled()
    {
        using var harness = CreateSut(s => s.JobLatency = TimeSpan.FromSeconds(2), WithBusinessUnit(TimeSpan.FromSeconds(3)));
        var rows = SampleCohort.Generate(12, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(12, report.Succeeded);
        Assert.Equal(harness.Simulator.Writes.Select(w => w.ExplanationId).Order(), report.Rows.Select(r => r.ExplanationId).Order());
        Assert.All(report.Rows, r => Assert.StartsWith("job-", r.JobId));
        Assert.DoesNotContain(harness.Simulator.Requests, r => r.Method == "GET");
        Assert.Equal((0, 0), (report.JobPolls, report.BusinessUnitWouldSave));
        var queries = harness.Simulator.Requests.Count(r => r.Path.Contains("/businessunits/", StringComparison.Ordinal));
        Assert.InRange(queries, 1, 6);
        Assert.Empty(harness.Simulator.FindQueueOverlaps());
    }

    [Fact]
    public async Task Push_JobEndsInErrorWithTheBusinessUnit_IsPolledAloneAndRejectedWithTheJobsError()
    {
        using var harness = CreateSut(
            s =>
            {
                s.JobLatency = TimeSpan.FromSeconds(2);
                s.Faults.AtRequest[2] = SimulatedFault.FailJob("The explanation overlaps an existing one.");
            },
            WithBusinessUnit(TimeSpan.FromSeconds(3)));
        var rows = SampleCohort.Generate(4, 2, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var rejected = Assert.Single(report.Rows, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal($"job {rejected.JobId} ended in Error: job.failed: The explanation overlaps an existing one.", rejected.Error);
        Assert.Equal(3, report.Succeeded);
        var poll = Assert.Single(harness.Simulator.Requests, r => r.Method == "GET");
        Assert.EndsWith(rejected.JobId!, poll.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_JobsSlowerThanThePollDelayWithTheBusinessUnit_PollsTheFirstOnlyAndListsTheRest()
    {
        using var harness = CreateSut(s => s.JobLatency = TimeSpan.FromSeconds(3), WithBusinessUnit(TimeSpan.FromSeconds(1)));
        var rows = SampleCohort.Generate(12, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // The first rows' jobs were still processing when due (1 s): each is polled once, and from then on every row waits
        // longer before the query, which lists it.
        Assert.Equal(12, report.Succeeded);
        Assert.InRange(harness.Simulator.Requests.Count(r => r.Method == "GET"), 1, 4);
        Assert.Equal(harness.Simulator.Writes.Select(w => w.ExplanationId).Order(), report.Rows.Select(r => r.ExplanationId).Order());
    }

    [Fact]
    public async Task Push_202sWithoutTheBusinessUnit_ReportsThePollsAndHowManyAQueryWouldHaveSpared()
    {
        using var harness = CreateSut(s => s.JobLatency = TimeSpan.FromSeconds(2), c => c.MaxParallelQueues = 4);
        var rows = SampleCohort.Generate(12, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // Four queues' jobs are polled at about the same moments: each round of polls would have been one query.
        Assert.Equal(12, report.Succeeded);
        Assert.Equal(harness.Simulator.Requests.Count(r => r.Method == "GET"), report.JobPolls);
        Assert.InRange(report.BusinessUnitWouldSave, 1, report.JobPolls - 1);
    }

    /// <summary>
    /// The business unit given, and jobs expected to end <paramref name="pollDelay"/> after their 202. Tests whose jobs
    /// take their usual time expect them a second after they end: a query at the very instant a job ends may or may not
    /// see it, depending on which of the two the simulator runs first.
    /// </summary>
    private static Action<AdherenceSyncOptions> WithBusinessUnit(TimeSpan pollDelay) => c =>
    {
        c.BusinessUnitId = new WfmSimulatorOptions().BusinessUnitId;
        c.JobPollDelay = pollDelay;
    };

    private static Harness CreateSut(Action<WfmSimulatorOptions>? simulator = null, Action<AdherenceSyncOptions>? client = null)
        => Harness.Ample(simulator, client);
}
