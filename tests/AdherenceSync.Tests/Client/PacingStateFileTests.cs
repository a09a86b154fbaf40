using AdherenceSync.Client;
using AdherenceSync.Pacing;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Client;

/// <summary><see cref="PacingOptions.StateFile"/>: a daily push against a server without headers starts warm.</summary>
public sealed class PacingStateFileTests : IDisposable
{
    private const int Rows = 96;
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-state-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PushAsync_StateKeptByAnEarlierRun_SpendsNoLearning429s()
    {
        var path = Path.Combine(_directory, "pacing.json");

        var (cold, coldReport) = await PushAsync(path);
        Assert.True(File.Exists(path));
        var kept = PacingStateFile.Load(path);
        var (warm, warmReport) = await PushAsync(path);

        TestContext.Current.TestOutputHelper?.WriteLine($"429s: cold {cold}, warm {warm}; kept {kept}; warm took {warmReport.Duration.TotalSeconds:F1} s, cold {coldReport.Duration.TotalSeconds:F1} s");
        // Cold, the window is learned from 429s: with 4 queues at once, up to 4 requests are on the wire when each arrives.
        Assert.InRange(cold, 1, 12);
        Assert.Equal(0, warm);
        Assert.Equal(24, kept!.ClientAllowed);
        Assert.InRange(kept.ClientWindowSeconds!.Value, 6, 7);

        // The report counts the push's 429s as the server saw them.
        Assert.Equal(cold, coldReport.Throttled);
        Assert.Equal(0, warmReport.Throttled);
    }

    [Fact]
    public void Load_MissingOrUnreadableFile_IsAColdStart()
    {
        var path = Path.Combine(_directory, "broken.json");
        Assert.Null(PacingStateFile.Load(path));

        File.WriteAllText(path, "{ not json");

        Assert.Null(PacingStateFile.Load(path));
    }

    [Fact]
    public async Task SaveAsync_ThenLoad_KeepsEveryWindow()
    {
        var path = Path.Combine(_directory, "round-trip.json");
        var learned = new LearnedPacing(24, 6.2, 5, 10);

        await PacingStateFile.SaveAsync(path, learned, TestContext.Current.CancellationToken);

        Assert.Equal(learned, PacingStateFile.Load(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    private static async Task<(int Throttled, PushReport Report)> PushAsync(string stateFile)
    {
        using var harness = new Harness(
            s =>
            {
                s.RequestsPerMinute = 240;
                s.RateLimitWindow = TimeSpan.FromSeconds(6);
            },
            c =>
            {
                c.MaxParallelQueues = 4;
                c.Pacing.StateFile = stateFile;
            });
        var rows = SampleCohort.Generate(Rows, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(Rows, report.Succeeded);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        return (harness.Simulator.ThrottledCount, report);
    }
}
