using System.Diagnostics;
using AdherenceSync.Benchmarks.Scenarios;
using AdherenceSync.Benchmarks.Strategies;
using AdherenceSync.Testing;

namespace AdherenceSync.Benchmarks.Measurement;

/// <summary>Runs one strategy against a fresh simulator for one scenario, at real time, and counts what landed.</summary>
internal static class ScenarioRunner
{
    private const string Token = "benchmark-token";

    public static async Task<RunResult> RunAsync(Scenario scenario, IStrategy strategy, string? redis = null)
    {
        var options = new WfmSimulatorOptions
        {
            RequestsPerMinute = scenario.ServerRequestsPerMinute,
            QueueRequestsPerMinute = scenario.QueueRequestsPerMinute,
            RateLimitWindow = scenario.Window,
            RateLimitHeaders = scenario.Headers,
        };
        if (scenario.RandomThrottleRate > 0)
        {
            options.Faults.Random = new RandomFaults { Seed = 7, ThrottleRate = scenario.RandomThrottleRate, MaxRetryAfter = TimeSpan.FromSeconds(1) };
        }

        options.JobLatency = scenario.JobLatency;
        options.JobShare = scenario.JobShare;
        var rows = SampleCohort.Generate(scenario.Rows, scenario.Queues, options, seed: 7);
        foreach (var agent in rows.Select(r => r.AgentId).Distinct().Take(scenario.JobErrorAgents))
        {
            options.Faults.ForAgent[agent] = SimulatedFault.FailJob("The adherence explanation could not be applied.");
        }

        var bound = LowerBound.For(scenario, rows);

        // A strategy that has not finished in four times the bound (and half a minute) is stopped and judged on what landed.
        var limit = (bound * 4) + TimeSpan.FromSeconds(30);
        using var simulator = WfmSimulator.Start(options);
        using var timeout = new CancellationTokenSource(limit);

        var start = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var change = scenario.LimitChange is { } step
            ? new Timer(_ => simulator.ChangeRequestsPerMinute(step.RequestsPerMinute), null, step.After, Timeout.InfiniteTimeSpan)
            : null;
        try
        {
            // Several instances each push their own queues, at once, with the same token.
            var context = new StrategyContext(scenario, rows, simulator.BaseAddress, Token) { Redis = redis };
            var queues = rows.Select(r => r.QueueId).Distinct().ToList();
            await Task.WhenAll(Enumerable.Range(0, scenario.Instances).Select(instance => strategy.RunAsync(
                context with { Rows = [.. rows.Where(r => queues.IndexOf(r.QueueId) % scenario.Instances == instance)] }, timeout.Token)));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Console.Error.WriteLine($"  {scenario.Name}: {strategy.Name} did not finish within {limit.TotalSeconds:F0} s; counting what landed.");
        }

        var wall = watch.Elapsed;
        var writes = simulator.Requests.Where(r => r.AgentId is not null).ToList();
        if (Environment.GetEnvironmentVariable("BENCH_DUMP") is { } dump)
        {
            File.AppendAllLines(dump, [$"== {scenario.Name} {strategy.Name}", .. simulator.Requests.Select(r => $"{(r.ArrivedAt - start).TotalSeconds:F3} {r.QueueId} {r.StatusCode} {r.Method} {r.Path}")]);
        }

        var applied = simulator.Writes.Select(w => (w.AgentId, Start: DateTimeOffset.Parse(w.StartDate, System.Globalization.CultureInfo.InvariantCulture), w.LengthMinutes)).ToHashSet();
        // A row whose job the server ended in Error was refused, not lost.
        var lost = rows.Count(r => !applied.Contains((r.AgentId, r.StartDate, r.LengthMinutes)) && !options.Faults.ForAgent.ContainsKey(r.AgentId));
        var forced = simulator.FaultThrottledCount;
        if (forced > 0)
        {
            bound = LowerBound.For(scenario, rows, forced);
        }

        return new RunResult(
            strategy.Name,
            rows.Count,
            wall,
            bound,
            writes.Count,
            writes.Count(r => r.StatusCode == 429),
            lost,
            simulator.FindDuplicateWrites().Sum(d => d.Count - 1),
            simulator.FindQueueOverlaps().Count,
            simulator.FindRetryAfterViolations().Count,
            [.. writes.Select(r => ((r.ArrivedAt - start).TotalSeconds, r.StatusCode))],
            forced)
        {
            // Every request on the token: writes and what confirms them (job polls, queries); sign-in and downloads (no token) apart.
            AllRequests = simulator.Requests.Count(r => r.Token == Token),
        };
    }
}
