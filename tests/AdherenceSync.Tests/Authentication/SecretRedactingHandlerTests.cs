using System.Text;
using AdherenceSync.Authentication;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace AdherenceSync.Tests.Authentication;

public sealed class SecretRedactingHandlerTests : IDisposable
{
    private readonly string _checkpoint = Path.Combine(Path.GetTempPath(), $"adherencesync-redact-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_checkpoint);

    [Fact]
    public void Redact_EverySecretEverywhere_IsReplacedWithTheMarkerAndTheRestKept()
    {
        var body = Encoding.UTF8.GetBytes("a tok-123 b sec-456 c tok-123");

        var redacted = SecretRedactingHandler.Redact(body, [Encoding.UTF8.GetBytes("tok-123"), Encoding.UTF8.GetBytes("sec-456")]);

        Assert.Equal("a [redacted] b [redacted] c [redacted]", Encoding.UTF8.GetString(redacted));
    }

    [Fact]
    public async Task Push_ServerEchoesTheAuthorizationHeader_TheTokenIsNowhereInTheReportCheckpointOrTraceLogs()
    {
        using var logs = new FakeLoggerProvider();
        using var harness = new Harness(s => s.Faults.AtRequest[1] = SimulatedFault.EchoAuthorization(), logs: logs);
        var rows = SampleCohort.Generate(2, 1, harness.SimulatorOptions);

        PushReport report;
        using (var store = new FileCheckpointStore(_checkpoint))
        {
            report = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, new PushOptions { Checkpoint = store }, TestContext.Current.CancellationToken));
        }

        // The server did echo it: the simulator's answer held the token.
        Assert.Equal(RowOutcome.Rejected, report.Rows[0].Outcome);
        Assert.Contains("Authorization: Bearer [redacted]", report.Rows[0].Error);
        Assert.Equal(RowOutcome.Succeeded, report.Rows[1].Outcome);
        var everything = string.Join('\n', report.Rows.Select(r => r.ToString() + r.Error))
            + await File.ReadAllTextAsync(_checkpoint, TestContext.Current.CancellationToken)
            + string.Join('\n', logs.Collector.GetSnapshot().Select(r => r.Message + r.Exception + string.Join(',', r.StructuredState ?? [])));
        Assert.Contains("[redacted]", everything);
        Assert.DoesNotContain(Harness.Token, everything, StringComparison.Ordinal);
    }
}
