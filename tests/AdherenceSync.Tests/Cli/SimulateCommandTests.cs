using System.Text.RegularExpressions;
using AdherenceSync.Cli;
using AdherenceSync.Cli.Commands;

namespace AdherenceSync.Tests.Cli;

public sealed partial class SimulateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-simulate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_ThenPushToItsUrl_PushIsThrottledAndTheAuditCountsEveryWriteOnce()
    {
        var cli = new CliRunner().WithVariable(CliVariables.AccessToken, SimulateCommand.DefaultToken);
        var simulate = cli.RunAsync("simulate", "--requests-per-minute", "60", "--window", "00:00:10");
        var url = await WaitForUrlAsync(cli);
        var input = Path.Combine(_directory, "in.csv");
        await File.WriteAllLinesAsync(input, ["agentId,queueId,startDate,lengthMinutes,type,notes",
            .. Enumerable.Range(0, 40).Select(i => $"agent-{i % 8},queue-{i % 4},2026-11-27T{8 + (i / 8):D2}:00:00Z,10,Late,row {i}")], TestContext.Current.CancellationToken);

        var pushed = await cli.RunAsync("push", "--input", input, "--base-url", url, "--max-parallel-queues", "4");
        await cli.Interrupt.CancelAsync();
        var stopped = await simulate;

        var output = cli.Out.ToString();
        Assert.True(pushed == ExitCodes.Success, output);
        Assert.Equal(ExitCodes.Success, stopped);
        Assert.Contains("access token  " + SimulateCommand.DefaultToken, output, StringComparison.Ordinal);
        Assert.Contains($"  adherencesync push --input FILE --base-url {url}", output, StringComparison.Ordinal);
        Assert.Matches(@"answered 429\s+[1-9]\d*", output);
        Assert.Contains("explanations stored          40", output, StringComparison.Ordinal);
        Assert.Contains("stored more than once        0", output, StringComparison.Ordinal);
        Assert.Contains("queue overlaps               0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_RateAboveOne_ExitsTwoNamingTheOption()
    {
        var cli = new CliRunner();

        var exitCode = await cli.RunAsync("simulate", "--throttle-rate", "1.5");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("--throttle-rate must be between 0 and 1; it was 1.5.", cli.Error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> WaitForUrlAsync(CliRunner cli)
    {
        for (var i = 0; i < 500; i++)
        {
            if (ListeningAt().Match(cli.Out.ToString()) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("simulate printed no URL: " + cli.Out + cli.Error);
    }

    [GeneratedRegex(@"listening at (\S+)")]
    private static partial Regex ListeningAt();
}
