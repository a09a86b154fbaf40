namespace AdherenceSync.Tests.Reporting;

public sealed class AdherenceSyncModelFactoryTests
{
    private static readonly AdherenceRow Row = new()
    {
        AgentId = "a-1", QueueId = "q-1", StartDate = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), LengthMinutes = 15,
    };

    [Fact]
    public async Task PushReport_FromAFakeClient_CountsEachOutcomeAsAPushDoes()
    {
        IAdherenceSyncClient client = new FakeClient(AdherenceSyncModelFactory.PushReport(
            [
                AdherenceSyncModelFactory.RowResult(0, Row, RowOutcome.Succeeded, explanationId: "e-1"),
                AdherenceSyncModelFactory.RowResult(1, Row, RowOutcome.Rejected, "HTTP 404 not.found: Agent not found.", 404),
                AdherenceSyncModelFactory.RowResult(2, Row, RowOutcome.Unknown, "outcome unknown: cancelled while the request was in flight"),
                AdherenceSyncModelFactory.RowResult(3, Row, RowOutcome.Failed, "gave up after 5 attempts: HTTP 503", 503, attempts: 5),
                AdherenceSyncModelFactory.RowResult(4, Row, RowOutcome.NotAttempted, attempts: 0),
            ],
            TimeSpan.FromSeconds(3),
            throttled: 2));

        var report = await client.PushAsync([Row], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((5, 1, 1, 1, 1, 1), (report.Total, report.Succeeded, report.Rejected, report.Unknown, report.Failed, report.NotAttempted));
        Assert.Equal((2, "e-1", 404, 5), (report.Throttled, report.Rows[0].ExplanationId, report.Rows[1].HttpStatus, report.Rows[3].Attempts));
        Assert.False(report.AllSucceeded);
        Assert.Equal("5 rows: 1 succeeded, 1 rejected, 1 failed, 1 unknown, 1 not attempted in 3.0 s", report.ToString());
    }

    [Fact]
    public void PushReport_RowOutOfOrder_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => AdherenceSyncModelFactory.PushReport([AdherenceSyncModelFactory.RowResult(1, Row, RowOutcome.Succeeded)]));

        Assert.StartsWith("Row 0 has Index 1: a report holds one result per input row, in input order.", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeClient(PushReport report) : IAdherenceSyncClient
    {
        public Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(report);

        public Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(report);
    }
}
