using System.Diagnostics;
using AdherenceSync.Benchmarks.Scenarios;
using AdherenceSync.Benchmarks.Strategies;
using AdherenceSync.Testing;

namespace AdherenceSync.Benchmarks.Measurement;

/// <summary>Runs one strategy against a fresh simulator for one scenario, at real time, and counts what landed.</summary>
internal static class ScenarioRunner
{
    private const string Token = "benchmark-token";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<RunResult> RunAsync(Scenario scenario, IStrategy strategy)
    {
        var options = new WfmSimulatorOptions
        {
            RequestsPerMinute = scenario.ServerRequestsPerMinute,
            QueueRequestsPerMinute = scenario.QueueRequestsPerMinute,
            RateLimitHeaders = scenario.Headers,
        };
        var rows = SampleCohort.Generate(scenario.Rows, scenario.Queues, options, seed: 7);
        using var simulator = WfmSimulator.Start(options);
        using var timeout = new CancellationTokenSource(Limit);

        var start = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            await strategy.RunAsync(new StrategyContext(scenario, rows, simulator.BaseAddress, Token), timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Console.Error.WriteLine($"  {strategy.Name} did not finish within {Limit.TotalMinutes} minutes; counting what landed.");
        }

        var wall = watch.Elapsed;
        var writes = simulator.Requests.Where(r => r.AgentId is not null).ToList();
        var applied = simulator.Writes.Select(w => (w.AgentId, Start: DateTimeOffset.Parse(w.StartDate, System.Globalization.CultureInfo.InvariantCulture), w.LengthMinutes)).ToHashSet();
        var lost = rows.Count(r => !applied.Contains((r.AgentId, r.StartDate, r.LengthMinutes)));
        return new RunResult(
            strategy.Name,
            rows.Count,
            wall,
            LowerBound.For(scenario, rows),
            writes.Count,
            writes.Count(r => r.StatusCode == 429),
            lost,
            simulator.FindDuplicateWrites().Sum(d => d.Count - 1),
            simulator.FindQueueOverlaps().Count,
            [.. writes.Select(r => ((r.ArrivedAt - start).TotalSeconds, r.StatusCode))]);
    }
}
