using System.Text.Json;
using AdherenceSync.Cli;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Cli;

/// <summary>
/// <c>validate</c> and <c>push --dry-run</c>. The CLI is given a token and the simulator's address, so anything it sent
/// would be seen there.
/// </summary>
public sealed class ValidateCommandTests : IDisposable
{
    private const string Header = "agentId,queueId,startDate,lengthMinutes,type,notes";
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-cli-").FullName;
    private readonly CliRunner _cli;
    private readonly WfmSimulator _simulator;

    public ValidateCommandTests()
    {
        _cli = new CliRunner { WorkingDirectory = _directory }.WithVariable(CliVariables.AccessToken, "cli-token");
        _simulator = WfmSimulator.Start(o => o.TimeProvider = _cli.Clock.Time);
        _cli.WithVariable("ADHERENCESYNC_BASEADDRESS", _simulator.BaseAddress.ToString());
    }

    public void Dispose()
    {
        _simulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Validate_ValidFile_ExitsZeroAndSendsNothing()
    {
        var input = WriteCsv(Rows(("q1", 2), ("q2", 1)));

        var exitCode = await _cli.RunAsync("validate", "--input", input);

        Assert.Equal(0, exitCode);
        Assert.Equal("input.csv: valid. 3 rows over 2 queues. Nothing was sent.", _cli.Out.ToString().Trim());
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Validate_OneRow_SaysRowAndQueueInTheSingular()
    {
        var input = WriteCsv(Rows(("q1", 1)));

        var exitCode = await _cli.RunAsync("validate", "--input", input);

        Assert.Equal(0, exitCode);
        Assert.Equal("input.csv: valid. 1 row over 1 queue. Nothing was sent.", _cli.Out.ToString().Trim());
    }

    [Fact]
    public async Task Validate_UnknownFormat_ExitsTwoNamingTheOptionAndItsValues()
    {
        var input = WriteCsv(Rows(("q1", 1)));

        var exitCode = await _cli.RunAsync("validate", "--input", input, "--format", "xml");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: --format must be table or json; it was 'xml'.", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("OutputFormat", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RecordsThatDoNotParse_JsonCountsRecordsBesideRows()
    {
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,", "a-2,q1,not-a-date,15,Late,", "a-3,q1,2026-11-27T09:00:00Z,15,Late,");

        var exitCode = await _cli.RunAsync("validate", "--input", input, "--format", "json");

        Assert.Equal(2, exitCode);
        using var json = JsonDocument.Parse(_cli.Out.ToString());
        var root = json.RootElement;
        Assert.Equal((3, 2), (root.GetProperty("records").GetInt32(), root.GetProperty("rows").GetInt32()));
    }

    [Fact]
    public async Task Validate_InvalidFileAsJson_ExitsTwoListsEachProblemAndSendsNothing()
    {
        var input = WriteCsv("a-1,q1,2026-11-27T08:00:00Z,15,Late,", "a-2,q1,2026-11-27T08:00:00Z,0,Late,");

        var exitCode = await _cli.RunAsync("validate", "--input", input, "--format", "json");

        Assert.Equal(2, exitCode);
        using var json = JsonDocument.Parse(_cli.Out.ToString());
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal((2, 1), (root.GetProperty("rows").GetInt32(), root.GetProperty("errorCount").GetInt32()));
        var error = root.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((3, "lengthMinutes", "must be between 1 and 1440 (was 0)."), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("message").GetString()));
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_DryRun_PrintsQueuesBatchesAndTheDurationTheBudgetNeedsAndSendsNothing()
    {
        var input = WriteCsv(Rows(("q1", 20), ("q2", 5)));

        var exitCode = await _cli.RunAsync("push", "--input", input, "--dry-run", "--requests-per-minute", "60");

        Assert.Equal(0, exitCode);
        var lines = _cli.Out.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Dry run of input.csv: nothing was sent.", lines[0]);
        Assert.Equal("25 rows, 2 queues, 3 batches of up to 10 rows; one request per row.", lines[1]);
        Assert.Equal("Estimated duration at that budget: at least 25.0 s (latency, throttling and retries not counted).", lines[3]);
        Assert.Matches(@"^q1\s+20\s+2$", lines[5]);
        Assert.Matches(@"^q2\s+5\s+1$", lines[6]);
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData(1, 50.0)]
    [InlineData(2, 40.0)]
    public async Task Push_DryRunWithAQueueBudget_EstimatesFromTheSlowerBudget(int parallelQueues, double expectedSeconds)
    {
        var input = WriteCsv(Rows(("q1", 20), ("q2", 5)));
        _cli.WithVariable("ADHERENCESYNC_PACING__QUEUEREQUESTSPERMINUTE", "30");

        var exitCode = await _cli.RunAsync(
            "push", "--input", input, "--dry-run", "--format", "json", "--requests-per-minute", "600", "--max-parallel-queues", parallelQueues.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(_cli.Out.ToString());
        Assert.Equal(expectedSeconds, json.RootElement.GetProperty("estimatedSeconds").GetDouble());
        Assert.Equal(30, json.RootElement.GetProperty("queueRequestsPerMinute").GetInt32());
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_SettingsFromFileVariablesAndArguments_LaterSourcesWin()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_directory, "appsettings.json"),
            """{ "AdherenceSync": { "BatchSize": 3, "MaxParallelQueues": 2, "Pacing": { "RequestsPerMinute": 100 } } }""",
            TestContext.Current.CancellationToken);
        _cli.WithVariable("ADHERENCESYNC_BATCHSIZE", "4").WithVariable("ADHERENCESYNC_PACING__REQUESTSPERMINUTE", "200");
        var input = WriteCsv(Rows(("q1", 2)));

        var exitCode = await _cli.RunAsync("push", "--input", input, "--dry-run", "--format", "json", "--requests-per-minute", "300");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(_cli.Out.ToString());
        var plan = json.RootElement;
        Assert.Equal(
            (4, 2, 300),
            (plan.GetProperty("batchSize").GetInt32(), plan.GetProperty("maxParallelQueues").GetInt32(), plan.GetProperty("requestsPerMinute").GetInt32()));
    }

    [Fact]
    public async Task Push_AddressFromTheSettingsFile_PushesThere()
    {
        var config = Path.Combine(_directory, "custom.json");
        var cli = new CliRunner { WorkingDirectory = _directory }.WithVariable(CliVariables.AccessToken, "cli-token");
        using var simulator = WfmSimulator.Start(o => o.TimeProvider = cli.Clock.Time);
        await File.WriteAllTextAsync(config, $$"""{ "AdherenceSync": { "BaseAddress": "{{simulator.BaseAddress}}", "BatchSize": 1 } }""", TestContext.Current.CancellationToken);
        var input = WriteCsv(Rows(("q1", 2)));

        var exitCode = await cli.RunAsync("push", "--input", input, "--config", config);

        Assert.Equal(0, exitCode);
        Assert.Equal(2, simulator.Writes.Count);
    }

    [Theory]
    [InlineData("missing.json", "error: settings: The configuration file")]
    [InlineData("broken.json", "error: settings: Failed to load configuration from file")]
    public async Task Push_UnusableConfigFile_ExitsTwoAndSendsNothing(string file, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "broken.json"), "{ not json", TestContext.Current.CancellationToken);
        var input = WriteCsv(Rows(("q1", 1)));

        var exitCode = await _cli.RunAsync("push", "--input", input, "--config", Path.Combine(_directory, file));

        Assert.Equal(2, exitCode);
        Assert.StartsWith(expected, _cli.Error.ToString());
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_FormatJson_WritesTheReportToStandardOutputAndProgressToStandardError()
    {
        var input = WriteCsv(Rows(("q1", 3)));

        var exitCode = await _cli.RunAsync("push", "--input", input, "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(_cli.Out.ToString());
        Assert.Equal((3, 3), (json.RootElement.GetProperty("total").GetInt32(), json.RootElement.GetProperty("succeeded").GetInt32()));
        Assert.Equal(3, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Contains("3/3 rows", _cli.Error.ToString());
        Assert.Equal(3, _simulator.Writes.Count);
    }

    private static string[] Rows(params (string Queue, int Count)[] queues)
        => [.. queues.SelectMany((q, n) => Enumerable.Range(0, q.Count).Select(i => $"a-{n}-{i},{q.Queue},2026-11-27T08:{i % 60:D2}:00Z,15,Late,"))];

    private string WriteCsv(params string[] lines)
    {
        var path = Path.Combine(_directory, "input.csv");
        File.WriteAllText(path, string.Join("\n", [Header, .. lines]) + "\n");
        return path;
    }
}
