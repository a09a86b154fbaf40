using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AdherenceSync.Tests.Push;

/// <summary>
/// A write whose answer was lost may have landed. The client asks the platform before it writes again, so that nothing is
/// written twice and nothing that landed is reported as failed.
/// </summary>
public sealed class ReconciliationTests
{
    [Fact]
    public async Task Push_QueryAnsweredAsAJobThatCompletes_IsPolledToItsListingAndTheRowSucceedsOnce()
    {
        using var harness = CreateSut(s =>
        {
            s.Faults.AtRequest[1] = SimulatedFault.Drop(afterApplyingWrite: true);
            s.QueryJobShare = 1;
        });
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = Assert.Single(report.Rows);
        Assert.Equal(RowOutcome.Succeeded, row.Outcome);
        Assert.Equal(Assert.Single(harness.Simulator.Writes).ExplanationId, row.ExplanationId);
        Assert.Contains(harness.Simulator.Requests, r => r.Method == "GET" && r.Path.Contains("/jobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_QueryJobThatNeverCompletes_LeavesTheRowOutcomeUnknownAndNeverWritesItAgain()
    {
        using var harness = CreateSut(
            s =>
            {
                s.Faults.AtRequest[1] = SimulatedFault.Drop(afterApplyingWrite: true);
                s.QueryJobShare = 1;
                s.QueryJobLatency = TimeSpan.FromHours(1);
            },
            c => c.JobConfirmationTimeout = TimeSpan.FromSeconds(20));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = Assert.Single(report.Rows);
        Assert.Equal(RowOutcome.Unknown, row.Outcome);
        Assert.StartsWith("outcome unknown:", row.Error, StringComparison.Ordinal);
        Assert.Contains("did not complete within 20 s (it was still Processing)", row.Error, StringComparison.Ordinal);
        Assert.Single(harness.Simulator.Writes);
    }

    [Fact]
    public async Task Push_ConnectionResetAfterTheWriteLanded_AsksAndReportsSucceededWithoutWritingAgain()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = SimulatedFault.Drop(afterApplyingWrite: true));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = Assert.Single(report.Rows);
        Assert.Equal(RowOutcome.Succeeded, row.Outcome);
        var write = Assert.Single(harness.Simulator.Writes);
        Assert.Equal(write.ExplanationId, row.ExplanationId);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, harness.Simulator.QueryCount);
    }

    [Fact]
    public async Task Push_ConnectionResetBeforeTheWriteLanded_AsksThenWritesOnce()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = SimulatedFault.Drop(afterApplyingWrite: false));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Succeeded, Assert.Single(report.Rows).Outcome);
        Assert.Equal(2, report.Rows[0].Attempts);
        Assert.Single(harness.Simulator.Writes);
        Assert.Equal(1, harness.Simulator.QueryCount);
    }

    [Fact]
    public async Task Push_AnswerStalledPastTheAttemptTimeoutAfterTheWriteLanded_IsNotWrittenAgain()
    {
        using var harness = CreateSut(
            s => s.Faults.AtRequest[1] = SimulatedFault.Delay(TimeSpan.FromSeconds(60)),
            c => c.Retry.AttemptTimeout = TimeSpan.FromSeconds(5));
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(2, report.Succeeded);
        Assert.Equal(2, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        Assert.Equal(1, report.Rows[0].Attempts);
    }

    [Fact]
    public async Task Push_503_IsCheckedThenWrittenAgainBecauseItDidNotLand()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = SimulatedFault.Status(503, "service.unavailable", "Busy."));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Succeeded, report.Rows[0].Outcome);
        Assert.Equal(2, report.Rows[0].Attempts);
        Assert.Single(harness.Simulator.Writes);
        Assert.Equal(1, harness.Simulator.QueryCount);
    }

    [Fact]
    public async Task Push_QueryFailsAfterAnAmbiguousWrite_ReportsOutcomeUnknownAndNeverWritesBlindly()
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = SimulatedFault.Drop(afterApplyingWrite: true));
        harness.Simulator.Server
            .Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("/query$")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"message":"Query engine down","code":"internal.server.error","status":500}"""));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = Assert.Single(report.Rows);
        Assert.Equal(RowOutcome.Unknown, row.Outcome);
        Assert.StartsWith("outcome unknown: HttpRequestException: ", row.Error);
        Assert.EndsWith("the query to check it failed: HTTP 500 internal.server.error: Query engine down", row.Error);
        Assert.Equal(1, row.Attempts);
        Assert.Single(harness.Simulator.Writes);
        Assert.Single(harness.Simulator.Requests, r => r.Method == "POST" && !r.Path.EndsWith("/query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_QueryAnsweredWithADownloadLinkOnAnotherHost_FindsTheWriteAndNeverSendsTheTokenThere()
    {
        using var downloads = WireMockServer.Start();
        using var harness = CreateSut(s =>
        {
            s.Faults.AtRequest[1] = SimulatedFault.Drop(afterApplyingWrite: true);
            s.QueryAnswersWithDownload = true;
            s.DownloadBaseAddress = new Uri(downloads.Url! + "/");
        });
        downloads.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/downloads/.*")).UsingGet())
            .RespondWith(Response.Create().WithProxy(harness.Simulator.BaseAddress.ToString().TrimEnd('/')));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Succeeded, report.Rows[0].Outcome);
        Assert.Equal(harness.Simulator.Writes[0].ExplanationId, report.Rows[0].ExplanationId);
        var download = Assert.Single(downloads.LogEntries);
        Assert.DoesNotContain(download.RequestMessage.Headers!.Keys, k => string.Equals(k, "Authorization", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    public async Task Push_200WithAnUnreadableBody_IsCheckedAndReportedWithTheRealExplanationId(string body)
    {
        using var harness = CreateSut(s => s.Faults.AtRequest[1] = new SimulatedFault { ApplyWrite = true, StatusCode = 200, RawBody = body });
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Succeeded, report.Rows[0].Outcome);
        Assert.Equal(harness.Simulator.Writes[0].ExplanationId, report.Rows[0].ExplanationId);
        Assert.Single(harness.Simulator.Writes);
    }

    private static Harness CreateSut(Action<WfmSimulatorOptions>? simulator = null, Action<AdherenceSyncOptions>? client = null)
        => new(
            s =>
            {
                s.RequestsPerMinute = 60_000;
                simulator?.Invoke(s);
            },
            c =>
            {
                c.Pacing.RequestsPerMinute = 60_000;
                c.Retry.BaseDelay = TimeSpan.FromMilliseconds(100);
                client?.Invoke(c);
            });
}
