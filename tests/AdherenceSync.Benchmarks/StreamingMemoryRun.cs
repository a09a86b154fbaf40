using System.Diagnostics;
using System.Runtime.CompilerServices;
using AdherenceSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Benchmarks;

/// <summary>
/// Streams rows from an <see cref="IAsyncEnumerable{T}"/> through an unthrottled simulator running in a child process, and
/// reports this process's peak working set: the client's memory alone, so that a regression that keeps every request
/// body alive shows up.
/// </summary>
internal static class StreamingMemoryRun
{
    public static async Task<int> RunAsync(int rows, bool resultsOnly)
    {
        var options = new WfmSimulatorOptions { RequestsPerMinute = 100_000_000 };
        using var host = SimulatorHost.StartChild();
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = host.BaseAddress;
            o.AccessToken = "t";
            o.Pacing.RequestsPerMinute = 1_000_000;
            o.MaxParallelQueues = 16;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAdherenceSyncClient>();

        var watch = Stopwatch.StartNew();
        var (total, succeeded) = resultsOnly ? await CountResultsAsync(client, Generate(rows, options)) : await ReportAsync(client, Generate(rows, options));
        var elapsed = watch.Elapsed;
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        Console.WriteLine($"{(resultsOnly ? "PushStreamAsync (results handed back, none kept)" : "PushAsync (a report of every row)")}: " +
                          $"rows {total}, succeeded {succeeded}, in {elapsed.TotalSeconds:F1} s ({total / elapsed.TotalSeconds:F0} rows/s)");
        Console.WriteLine($"client process: peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB (the simulator runs in a child process), " +
                          $"managed heap now {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MB, allocated in all {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MB");
        return succeeded == rows ? 0 : 1;
    }

    private static async Task<(int Total, int Succeeded)> ReportAsync(IAdherenceSyncClient client, IAsyncEnumerable<AdherenceRow> rows)
    {
        var report = await client.PushAsync(rows);
        return (report.Total, report.Succeeded);
    }

    private static async Task<(int Total, int Succeeded)> CountResultsAsync(IAdherenceSyncClient client, IAsyncEnumerable<AdherenceRow> rows)
    {
        var (total, succeeded) = (0, 0);
        await foreach (var result in client.PushStreamAsync(rows))
        {
            total++;
            succeeded += result.Outcome == RowOutcome.Succeeded ? 1 : 0;
            if (Environment.GetEnvironmentVariable("MEM_TRACE") is not null && total % 100_000 == 0)
            {
                using var self = Process.GetCurrentProcess();
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine($"{total} rows: live {GC.GetTotalMemory(true) / 1024} KB, GC committed {info.TotalCommittedBytes / 1024} KB, " +
                                  $"working set {self.WorkingSet64 / 1024} KB, peak {self.PeakWorkingSet64 / 1024} KB, {ThreadPool.ThreadCount} pool threads, {info.Index} GCs");
            }
        }

        return (total, succeeded);
    }

    private static async IAsyncEnumerable<AdherenceRow> Generate(int count, WfmSimulatorOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // One row at a time, as a reader over a large export would yield them.
        const int Chunk = 1000;
        for (var offset = 0; offset < count; offset += Chunk)
        {
            foreach (var row in SampleCohort.Generate(Math.Min(Chunk, count - offset), 40, options, seed: offset))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new AdherenceRow
                {
                    AgentId = row.AgentId,
                    QueueId = row.QueueId,
                    StartDate = row.StartDate.AddDays(offset / Chunk),
                    LengthMinutes = row.LengthMinutes,
                    Type = row.Type,
                    Notes = row.Notes,
                };
            }

            await Task.Yield();
        }
    }
}
