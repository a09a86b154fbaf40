using AdherenceSync.Cli;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Cli;

/// <summary>
/// A real crash: the CLI runs in a child process that is killed with SIGKILL mid-run, then run again with the same
/// checkpoint. The simulator, in this process, outlives it and says what was written.
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private const int Rows = 40;
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Push_KilledMidRunThenRerunWithTheCheckpoint_StoresEveryRowExactlyOnce()
    {
        using var simulator = WfmSimulator.Start(o => o.RequestsPerMinute = 600);
        var csv = Path.Combine(_directory, "input.csv");
        var checkpoint = Path.Combine(_directory, "checkpoint.jsonl");
        var lines = SampleCohort.Generate(Rows, 4, simulator.Options)
            .Select(r => $"{r.AgentId},{r.QueueId},{r.StartDate.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{r.LengthMinutes},{r.Type},");
        await File.WriteAllLinesAsync(csv, ["agentId,queueId,startDate,lengthMinutes,type,notes", .. lines], TestContext.Current.CancellationToken);
        string[] args = ["push", "--input", csv, "--base-url", simulator.BaseAddress.ToString(), "--checkpoint", checkpoint, "--requests-per-minute", "600"];

        using (var crashing = StartCli(args))
        {
            await Eventually.WaitUntilAsync(() => simulator.Writes.Count >= 12, TimeSpan.FromMinutes(1), "the child never got that far");
            crashing.Process.Kill(); // SIGKILL on Linux: no chance to flush or clean up
            await crashing.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var writtenBeforeTheCrash = simulator.Writes.Count;
        Assert.InRange(writtenBeforeTheCrash, 12, Rows - 1);

        using var rerun = StartCli(args);
        var exitCode = await rerun.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, exitCode);
        Assert.Equal(Rows, simulator.Writes.Count);
        Assert.Empty(simulator.FindDuplicateWrites());
        Assert.Equal(Rows, simulator.Writes.Select(w => (w.AgentId, w.StartDate)).Distinct().Count());
    }

    private ChildCli StartCli(string[] args) => ChildCli.Start(args, new Dictionary<string, string> { [CliVariables.AccessToken] = "crash-token" }, _directory);
}
