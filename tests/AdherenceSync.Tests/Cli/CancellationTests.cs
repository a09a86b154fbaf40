using System.Text.Json;
using AdherenceSync.Cli;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Cli;

/// <summary>
/// Ctrl+C while a write is on the wire: exit code 130, the report and the checkpoint are written, the in-flight row is
/// "outcome unknown", and a rerun with the checkpoint checks that row instead of writing it blindly.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private const int Rows = 12;
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-cancel-").FullName;
    private readonly CliRunner _cli = new CliRunner().WithVariable(CliVariables.AccessToken, "cli-token");
    private readonly WfmSimulator _simulator;

    public CancellationTests()
    {
        // Every write takes 2 s of fake time on the server before it lands: long enough to be cancelled mid-flight.
        _simulator = WfmSimulator.Start(o =>
        {
            o.TimeProvider = _cli.Clock.Time;
            o.RequestsPerMinute = Harness.AmpleRequestsPerMinute;
            o.WriteLatency = TimeSpan.FromSeconds(2);
        });
    }

    public void Dispose()
    {
        _simulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Push_CtrlCWhileAWriteIsInFlight_Exits130WritesReportAndCheckpointAndTheRerunStoresEveryRowOnce()
    {
        var input = Path.Combine(_directory, "input.csv");
        await File.WriteAllLinesAsync(input, ["agentId,queueId,startDate,lengthMinutes,type,notes", .. Enumerable.Range(0, Rows).Select(i => $"a-{i},q1,2026-11-27T08:{i:D2}:00Z,15,Late,")], TestContext.Current.CancellationToken);
        var checkpoint = Path.Combine(_directory, "checkpoint.jsonl");
        var firstReport = Path.Combine(_directory, "first.json");
        _cli.OnTurn = () =>
        {
            // Once the server holds a write it has not applied yet: a request still on its way to the server under load
            // would never land, and the test would wait for it in vain.
            if (_simulator.Writes.Count >= 4 && _simulator.ReceivedCount > _simulator.Writes.Count && _cli.InFlight.Current > 0)
            {
                _cli.Interrupt.Cancel();
            }
        };

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--checkpoint", checkpoint, "--report", firstReport);

        Assert.Equal(130, exitCode);
        var first = await ReadRowsAsync(firstReport);
        var unknown = Assert.Single(first, r => r.Status == "Unknown");
        Assert.Equal("outcome unknown: cancelled while the request was in flight", unknown.Error);
        Assert.Contains("Unknown: 1 row(s) may have been applied and could not be confirmed. Run the same push again with its --checkpoint", _cli.Out.ToString() + _cli.Error.ToString(), StringComparison.Ordinal);
        var succeeded = first.Count(r => r.Status == "Succeeded");
        // The unknown row is the fifth write, or the fourth if its answer was still on its way back.
        Assert.InRange(succeeded, 3, 4);
        Assert.Equal(Rows - succeeded - 1, first.Count(r => r.Status == "NotAttempted"));
        Assert.True(File.Exists(checkpoint));

        // The server finishes the abandoned write, if it had not yet, after the client gave up on it. Under load the
        // request may reach the server's 2 s delay only after a first advance, so the clock keeps moving while we wait.
        await Eventually.WaitUntilAsync(
            () => _simulator.Writes.Count == succeeded + 1, TimeSpan.FromSeconds(30), "the condition never held", () => _cli.Clock.Time.Advance(TimeSpan.FromMilliseconds(500)));

        var rerun = new CliRunner().WithVariable(CliVariables.AccessToken, "cli-token");
        var secondReport = Path.Combine(_directory, "second.json");
        var rerunExitCode = await RerunAsync(rerun, input, checkpoint, secondReport);

        Assert.Equal(0, rerunExitCode);
        var second = await ReadRowsAsync(secondReport);
        Assert.All(second, r => Assert.Equal("Succeeded", r.Status));
        Assert.Equal(succeeded, second.Count(r => r.FromCheckpoint));
        Assert.False(second.Single(r => r.Line == unknown.Line).FromCheckpoint);
        Assert.Equal(Rows, _simulator.Writes.Count);
        Assert.Empty(_simulator.FindDuplicateWrites());
        Assert.Equal(1, _simulator.QueryCount); // the in-flight row was checked, not written again
    }

    private async Task<int> RerunAsync(CliRunner rerun, string input, string checkpoint, string report)
    {
        // The simulator keeps the first runner's clock; the rerun drives it from its own clock turns.
        var run = rerun.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--checkpoint", checkpoint, "--report", report);
        while (!run.IsCompleted)
        {
            _cli.Clock.Time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        return await run;
    }

    private static async Task<ReportRow[]> ReadRowsAsync(string path)
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        return [.. json.RootElement.GetProperty("rows").EnumerateArray().Select(r => new ReportRow(
            r.GetProperty("line").GetInt32(),
            r.GetProperty("status").GetString()!,
            r.GetProperty("error").GetString(),
            r.GetProperty("fromCheckpoint").GetBoolean()))];
    }

    private sealed record ReportRow(int Line, string Status, string? Error, bool FromCheckpoint);
}
