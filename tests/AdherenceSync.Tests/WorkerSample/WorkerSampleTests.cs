using System.Diagnostics;
using System.Text.RegularExpressions;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.WorkerSample;

/// <summary>The worker sample run as its README says: from the repository root, in a child process.</summary>
public sealed partial class WorkerSampleTests
{
    [Fact]
    public async Task Run_FromRepositoryRoot_ReadsItsSettingsAndMeetsA429InEverySet()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(RepositoryPaths.SampleAssembly("AdherenceSync.WorkerSample"));
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, output + await error);
        // appsettings.json sets MaxParallelQueues 4 (the default is 1).
        Assert.Equal(3, Regex.Matches(output, "up to 4 queues at once").Count);
        var sets = SetLine().Split(output)[..^1];
        Assert.Equal(3, sets.Length);
        Assert.All(sets, set => Assert.Contains("was throttled", set, StringComparison.Ordinal));
        Assert.Equal(3, Regex.Matches(output, "set-[123]: 40 rows, 40 succeeded").Count);
    }

    /// <summary>The worker's line at the end of each set.</summary>
    [GeneratedRegex(@"set-\d: \d+ rows")]
    private static partial Regex SetLine();
}
