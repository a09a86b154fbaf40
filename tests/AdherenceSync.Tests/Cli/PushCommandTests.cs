using System.Text.Json;
using AdherenceSync.Tests.Support;
using AdherenceSync.Cli;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Cli;

public sealed class PushCommandTests : IDisposable
{
    private const string Header = "agentId,queueId,startDate,lengthMinutes,type,notes";
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-cli-").FullName;
    private readonly CliRunner _cli = new CliRunner().WithVariable(CliVariables.AccessToken, "cli-token");
    private readonly WfmSimulator _simulator;

    public PushCommandTests()
    {
        _simulator = WfmSimulator.Start(o =>
        {
            o.TimeProvider = _cli.Clock.Time;
            o.RequestsPerMinute = Harness.AmpleRequestsPerMinute;
            o.AgentQueues["a-3"] = "q2";
        });
    }

    public void Dispose()
    {
        _simulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Push_ValidCsv_SendsEveryRowAndWritesTheReportContract()
    {
        var input = WriteCsv(
            "a-1,q1,2026-11-27T08:00:00Z,15,Late,",
            "a-2,q1,2026-11-27T09:00:00+01:00,30,,\"Notes, with a comma and \"\"quotes\"\"\"",
            "a-3,q2,2026-11-27T10:00:00.000-05:00,5,Other,\"two\nlines\"",
            "a-4,q2,2026-11-27T11:00:00Z,1440,Late,last");
        var report = Path.Combine(_directory, "report.json");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--report", report);

        Assert.Equal(0, exitCode);
        Assert.Equal(4, _simulator.Writes.Count);
        Assert.Contains(_simulator.Writes, w => w.Notes == "Notes, with a comma and \"quotes\"" && w.Type == "Late" && w.StartDate == "2026-11-27T08:00:00.000Z");
        Assert.Contains(_simulator.Writes, w => w.Notes == "two\nlines" && w.Type == "Other" && w.StartDate == "2026-11-27T15:00:00.000Z");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal(
            ["total", "succeeded", "rejected", "failed", "notAttempted", "cancelled", "haltReason", "durationSeconds", "rows", "throttled", "unexplainedThrottles", "unknown", "jobPolls", "businessUnitWouldSave"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((4, 4, 0, 0, 0), (root.GetProperty("total").GetInt32(), root.GetProperty("succeeded").GetInt32(), root.GetProperty("rejected").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("notAttempted").GetInt32()));
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(
            ["line", "agentId", "queueId", "status", "attempts", "httpStatus", "error", "explanationId", "jobId", "fromCheckpoint", "explanationIdMissingReason", "outcome"],
            rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([2, 3, 4, 6], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.All(rows, r => Assert.Equal("Succeeded", r.GetProperty("status").GetString()));
        Assert.All(rows, r => Assert.Equal("Succeeded", r.GetProperty("outcome").GetString()));
        Assert.All(rows, r => Assert.Equal(200, r.GetProperty("httpStatus").GetInt32()));
        // The platform's 200 holds the job reference only: no id, and the reason beside it.
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("explanationId").ValueKind));
        Assert.All(rows, r => Assert.StartsWith("the platform answered 200 with job", r.GetProperty("explanationIdMissingReason").GetString(), StringComparison.Ordinal));
        Assert.Equal("a-3", rows[2].GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task Push_InvalidLines_ExitsTwoListsEveryLineAndSendsNothing()
    {
        var input = WriteCsv(
            "a-1,q1,2026-11-27T08:00:00Z,15,Late,",
            ",q1,2026-11-27T08:00:00Z,15,Late,",
            "a-3,q1,2026-11-27T08:00:00,15,Late,",
            "a-4,q1,2026-11-27T08:00:00Z,abc,Late,",
            "a-5,q/1,2026-11-27T08:00:00Z,0,Late,",
            "a-1,q1,2026-11-27T08:00:00Z,15,Late,duplicate",
            "a-7,q1,2026-11-27T08:00:00Z,15,Late");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, exitCode);
        Assert.Equal(
            ["error: 7 problem(s) in input.csv; nothing was sent.",
             "input.csv:3: agentId: must not be empty or whitespace.",
             "input.csv:4: startDate: '2026-11-27T08:00:00' has no UTC offset; add Z or +hh:mm.",
             "input.csv:5: lengthMinutes: 'abc' is not a whole number of minutes.",
             "input.csv:6: queueId: must not contain '/' (ids go into the URL path).",
             "input.csv:6: lengthMinutes: must be between 1 and 1440 (was 0).",
             "input.csv:7: duplicate: same agentId, startDate, lengthMinutes and type as line 2; it would be written twice.",
             "input.csv:8: row: has 5 field(s); expected 6."],
            Lines(_cli.Error));
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_NoAccessTokenInTheEnvironment_ExitsTwoAndSendsNothing()
    {
        var cli = new CliRunner();
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,");

        var exitCode = await cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, exitCode);
        Assert.Equal("error: set ADHERENCESYNC_ACCESS_TOKEN to a bearer token, or ADHERENCESYNC_CLIENT_ID and ADHERENCESYNC_CLIENT_SECRET to OAuth client credentials; nothing was sent.", Lines(cli.Error).Single());
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("--checkpoint", "input", "error: --checkpoint is the input file ({0}); give it a file of its own. Nothing was sent.")]
    [InlineData("--report", "input", "error: --report is the input file ({0}); give it a file of its own. Nothing was sent.")]
    [InlineData("--report", "checkpoint", "error: --report and --checkpoint are the same file ({1}); give each a file of its own. Nothing was sent.")]
    public async Task Push_OutputPathIsTheInputOrTheOtherOutput_ExitsTwoAndLeavesTheInputUnchanged(string option, string target, string expected)
    {
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,");
        var before = await File.ReadAllBytesAsync(input, TestContext.Current.CancellationToken);
        var checkpoint = Path.Combine(Path.GetDirectoryName(input)!, "progress.jsonl");
        string[] outputs = target == "input"
            ? [option, input]
            : ["--checkpoint", checkpoint, option, checkpoint];

        var exitCode = await _cli.RunAsync(["push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), .. outputs]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, input, checkpoint), Lines(_cli.Error).Single());
        Assert.Equal(before, await File.ReadAllBytesAsync(input, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(checkpoint));
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_202sWithoutABusinessUnit_SaysHowManyPollsOneWouldHaveSpared()
    {
        using var jobs = WfmSimulator.Start(o =>
        {
            o.TimeProvider = _cli.Clock.Time;
            o.JobLatency = TimeSpan.FromSeconds(2);
        });
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,", "a-2,q2,2026-11-27T08:00:00Z,15,Late,", "a-3,q3,2026-11-27T08:00:00Z,15,Late,");
        var report = Path.Combine(_directory, "report.json");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", jobs.BaseAddress.ToString(), "--max-parallel-queues", "3", "--report", report);

        Assert.Equal(0, exitCode);
        var written = AdherenceSync.Cli.Output.ReportFile.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken))!;
        Assert.Equal(jobs.Requests.Count(r => r.Method == "GET"), written.JobPolls);
        Assert.InRange(written.BusinessUnitWouldSave, 1, written.JobPolls - 1);
        Assert.Contains(
            $"Job polls: {written.JobPolls}. With --business-unit, about {written.BusinessUnitWouldSave} of them would have been spared: one query confirms the waiting jobs of every queue at once.",
            Lines(_cli.Out));
    }

    [Fact]
    public async Task Push_SameCheckpointAgainstAnotherBaseUrl_ExitsTwoAndSendsNothingThere()
    {
        using var production = WfmSimulator.Start(o => o.TimeProvider = _cli.Clock.Time);
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,", "a-2,q1,2026-11-27T08:00:00Z,15,Late,");
        var checkpoint = Path.Combine(_directory, "progress.jsonl");
        Assert.Equal(0, await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--checkpoint", checkpoint));

        var rerun = new CliRunner().WithVariable(CliVariables.AccessToken, "cli-token");
        var exitCode = await rerun.RunAsync("push", "--input", input, "--base-url", production.BaseAddress.ToString(), "--checkpoint", checkpoint);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"error: --checkpoint {checkpoint}: the checkpoint was recorded for host={_simulator.BaseAddress.Authority}, registration='', client=static token, "
            + $"not host={production.BaseAddress.Authority}, registration='', client=static token; rows done there were never sent here. "
            + "Use another checkpoint, or allow it deliberately (--checkpoint-any-target). Nothing was sent.",
            Lines(rerun.Error).Single());
        Assert.Empty(production.Requests);
    }

    [Fact]
    public async Task Push_TokenWithATrailingNewline_IsTrimmedAndEveryRowSucceeds()
    {
        var cli = new CliRunner().WithVariable(CliVariables.AccessToken, "cli-token\r\n");
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,");

        var exitCode = await cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(0, exitCode);
        Assert.Single(_simulator.Writes);
    }

    [Fact]
    public async Task Push_TokenWithANewlineInside_ExitsTwoNamingTheSettingNotItsValue()
    {
        var cli = new CliRunner().WithVariable(CliVariables.AccessToken, "s3cr3t-\nvalue");
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,");

        var exitCode = await cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "error: ADHERENCESYNC_ACCESS_TOKEN must hold only visible ASCII characters, as a bearer token does: it cannot be sent in the Authorization header.",
            Lines(cli.Error).Single());
        Assert.DoesNotContain("s3cr3t", cli.Out + cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("push", "--input")]
    [InlineData("push", "--base-url", "http://127.0.0.1:1/")]
    [InlineData("push", "--input", "x.csv", "--base-url", "http://127.0.0.1:1/", "--batch-size", "many")]
    [InlineData("pull")]
    public async Task Run_BadArguments_ExitsTwo(params string[] args)
    {
        var exitCode = await _cli.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", _cli.Error.ToString());
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_BadOptionValue_ExitsTwoWithTheValidationMessage()
    {
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--batch-size", "500");

        Assert.Equal(2, exitCode);
        // The option the user typed, not the library's type name.
        Assert.Equal("error: --batch-size must be between 1 and 100; it was 500.", Lines(_cli.Error).Single());
    }

    [Fact]
    public async Task Push_StatusColumn_SendsEachRowsAdminStatus_AndAnUnknownOneIsAnErrorNamingLineAndColumn()
    {
        var path = Path.Combine(_directory, "input.csv");
        File.WriteAllText(path, $"{Header},status\na-1,q1,2026-11-27T08:00:00Z,15,Late,,Approved\na-2,q1,2026-11-27T09:00:00Z,15,Late,,\n");

        var exitCode = await _cli.RunAsync("push", "--input", path, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(0, exitCode);
        Assert.Equal(["Approved", "Pending"], _simulator.Writes.OrderBy(w => w.AgentId).Select(w => w.Status));

        File.WriteAllText(path, $"{Header},status\na-3,q1,2026-11-27T10:00:00Z,15,Late,,Maybe\n");
        var refused = await _cli.RunAsync("push", "--input", path, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, refused);
        Assert.Contains("input.csv:2: status: must be Pending, Approved or Denied, or empty (was 'Maybe').", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, _simulator.Writes.Count);
    }

    [Fact]
    public async Task Push_BadOptionValueFromAVariable_NamesTheSettingsKey()
    {
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,");
        _cli.WithVariable("ADHERENCESYNC_MAXPARALLELQUEUES", "40");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, exitCode);
        Assert.Equal("error: AdherenceSync:MaxParallelQueues must be between 1 and 16.", Lines(_cli.Error).Single());
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_RejectedRow_SummaryNamesItsFileLine()
    {
        _simulator.Options.Faults.ForAgent["a-404"] = SimulatedFault.Status(404, "not.found", "Agent not found.");
        var input = WriteCsv(
            "a-1,q1,2026-11-27T08:00:00Z,15,Late,",
            "a-2,q1,2026-11-27T09:00:00Z,15,Late,\"two\nlines\"",
            "a-404,q1,2026-11-27T10:00:00Z,15,Late,");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        // Row index 2 starts on line 5: the header is line 1 and row 2's notes span lines 3 and 4.
        Assert.Equal(1, exitCode);
        Assert.Contains("  line 5 (a-404): Rejected:", _cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_NotesWithApostropheAndPlus_JsonKeepsThemAsWritten()
    {
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,it's 1+1");
        var report = Path.Combine(_directory, "report.json");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--format", "json", "--report", report);

        Assert.Equal(0, exitCode);
        Assert.Contains("\"agentId\": \"a-1\"", _cli.Out.ToString(), StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("\\u00", written + _cli.Out, StringComparison.Ordinal);
        Assert.Contains("Pushing 1 row from", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(written, _cli.Out.ToString()); // standard output holds the report alone, the same as the file
    }

    [Fact]
    public async Task Push_HaltedAtTheFirstRowOfAFileLongerThanTheRowsHeld_ReportsEveryLineOfTheFile()
    {
        // A 403 halts the push at its first write; the file is sent as it is read, 1,000 rows held at a time.
        _simulator.Options.Faults.ForAgent["a-0"] = SimulatedFault.Status(403, "forbidden", "Not allowed.");
        var input = WriteCsv([.. Enumerable.Range(0, 3000).Select(i => $"a-{i % 7},q1,2026-11-{1 + (i / 700):D2}T{i / 60 % 10:D2}:{i % 60:D2}:00Z,15,Late,")]);
        var report = Path.Combine(_directory, "report.json");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--report", report);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal((3000, 3000), (root.GetProperty("total").GetInt32(), root.GetProperty("rows").GetArrayLength()));
        Assert.Equal(2999, root.GetProperty("notAttempted").GetInt32());
        Assert.Equal(Enumerable.Range(2, 3000), root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Empty(_simulator.Writes);
    }

    [Fact]
    public async Task Push_SomeRowRejected_ExitsOne()
    {
        _simulator.Options.Faults.ForAgent["a-2"] = SimulatedFault.Status(404, "not.found", "Agent not found.");
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,", "a-2,q1,2026-11-27T08:00:00Z,15,Late,");
        var report = Path.Combine(_directory, "report.json");

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--report", report);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var rejected = json.RootElement.GetProperty("rows")[1];
        Assert.Equal(("Rejected", 404, 3), (rejected.GetProperty("status").GetString(), rejected.GetProperty("httpStatus").GetInt32(), rejected.GetProperty("line").GetInt32()));
        Assert.Equal("HTTP 404 not.found: Agent not found.", rejected.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Push_CtrlC_WritesTheReportAndExits130()
    {
        var input = WriteCsv([.. Enumerable.Range(0, 60).Select(i => $"a-{i % 3},q1,2026-11-27T{8 + (i / 10):D2}:{i % 10 * 5:D2}:00Z,15,Late,")]);
        var report = Path.Combine(_directory, "report.json");
        _cli.OnTurn = () =>
        {
            if (_simulator.Writes.Count >= 10)
            {
                _cli.Interrupt.Cancel();
            }
        };

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString(), "--report", report, "--requests-per-minute", "120");

        Assert.Equal(130, exitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.True(root.GetProperty("cancelled").GetBoolean());
        Assert.Equal(60, root.GetProperty("total").GetInt32());
        Assert.True(root.GetProperty("notAttempted").GetInt32() > 0);
        Assert.Equal(60, new[] { "succeeded", "rejected", "failed", "unknown", "notAttempted" }.Sum(p => root.GetProperty(p).GetInt32()));
    }

    [Fact]
    public async Task Push_ClientCredentialsFromTheEnvironment_SignsInOnceAndPushes()
    {
        using var simulator = WfmSimulator.Start(o =>
        {
            o.TimeProvider = _cli.Clock.Time;
            o.RequestsPerMinute = Harness.AmpleRequestsPerMinute;
            o.Orgs.Add(new SimulatorOrg { Name = "contoso", ClientId = "cli-id", ClientSecret = "cli-secret" });
        });
        var cli = new CliRunner().WithVariable(CliVariables.ClientId, "cli-id").WithVariable(CliVariables.ClientSecret, "cli-secret");
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,", "a-2,q1,2026-11-27T08:00:00Z,15,Late,");

        var report = Path.Combine(_directory, "report.json");

        var exitCode = await cli.RunAsync("push", "--input", input, "--base-url", simulator.BaseAddress.ToString(), "--report", report);

        Assert.Equal(0, exitCode);
        Assert.Equal(1, simulator.TokenRequests);
        Assert.Equal(2, simulator.Writes.Count(w => w.Org == "contoso"));
        var token = simulator.Requests.Select(r => r.Token).OfType<string>().Distinct().Single();
        var everything = cli.Out.ToString() + cli.Error.ToString() + await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("cli-secret", everything);
        Assert.DoesNotContain(token, everything);
    }

    private string WriteCsv(params string[] lines)
    {
        var path = Path.Combine(_directory, "input.csv");
        File.WriteAllText(path, string.Join("\n", [Header, .. lines]) + "\n");
        return path;
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
