using AdherenceSync.Benchmarks.Measurement;
using AdherenceSync.Benchmarks.Micro;
using AdherenceSync.Benchmarks.Scenarios;
using AdherenceSync.Benchmarks.Strategies;
using BenchmarkDotNet.Running;

namespace AdherenceSync.Benchmarks;

/// <summary>
/// <c>scenarios [--out DIR] [--only NAME[,NAME…]] [--strategy PART-OF-NAME] [--trace]</c>: every strategy in every scenario, one after the other, with a table
/// (and, with --out, benchmarks.md and plots). <c>micro</c>: BenchmarkDotNet, per-row client overhead.
/// <c>memory [ROWS] [--results]</c>: peak working set while rows stream through an unthrottled simulator, into a report
/// (<c>PushAsync</c>) or, with --results, handed back one by one and not kept (<c>PushStreamAsync</c>); with the environment
/// variable <c>MEM_TRACE</c> set, the live managed heap after a full collection every 100,000 results.
/// With the environment variable <c>BENCH_DUMP</c> set to a file, every write each run's simulator saw (seconds since the
/// run's start, queue, status) is appended to it, to see where a run's 429s came from.
/// </summary>
internal static class BenchmarkApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault() ?? "scenarios";
        switch (command)
        {
            case "scenarios":
                return await RunScenariosAsync(args);
            case "micro":
                BenchmarkRunner.Run<PerRowOverheadBenchmarks>(args: [.. args.Skip(1)]);
                return 0;
            case "simulate":
                return SimulatorHost.RunChild();
            case "memory":
                return await StreamingMemoryRun.RunAsync(
                    args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
                    resultsOnly: args.Contains("--results"));
            default:
                Console.Error.WriteLine("usage: scenarios [--out DIR] [--only NAME[,NAME…]] [--strategy PART-OF-NAME] [--trace] | micro | memory [ROWS] [--results]");
                return 2;
        }
    }

    private static async Task<int> RunScenariosAsync(string[] args)
    {
        var output = Option(args, "--out");
        var only = Option(args, "--only");
        var strategyFilter = Option(args, "--strategy");
        // Scenarios run side by side, each on its own simulator; within a scenario the strategies run one after another,
        // so no two strategies ever share a server. Tables come out in catalogue order.
        var scenarios = ScenarioCatalog.All.Where(s => only is null || only.Split(',').Contains(s.Name)).ToList();
        using var redis = scenarios.Any(s => s.Instances > 1) ? BenchmarkRedis.Start() : null;

        // The first push in a process pays for JIT and first connections, 3 to 4 s measured: every strategy pushes once,
        // unmeasured, before any scenario, so that none is charged for running first.
        var warmUp = new Scenario("warm-up", "unmeasured", 6000, null, 6000, null, Headers: true, Rows: 8, Queues: 2);
        foreach (var strategy in Strategies(warmUp))
        {
            await ScenarioRunner.RunAsync(warmUp, strategy, null);
        }

        var runs = await Task.WhenAll(scenarios.Select(async scenario =>
        {
            var results = new List<RunResult>();
            foreach (var strategy in Strategies(scenario).Where(s => strategyFilter is null || s.Name.Contains(strategyFilter, StringComparison.OrdinalIgnoreCase)))
            {
                Console.Error.WriteLine($"{scenario.Name}: {strategy.Name} ...");
                var result = await ScenarioRunner.RunAsync(scenario, strategy, redis?.Address);
                results.Add(result);
                if (args.Contains("--trace"))
                {
                    // When each 429 arrived, in seconds from the start: where a strategy spends its 429s.
                    var throttled = result.Timeline.Where(t => t.Status == 429).Select(t => t.Seconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
                    Console.Error.WriteLine($"  {scenario.Name}: {strategy.Name}: 429s at {string.Join(", ", throttled)} s");
                }
            }

            return (scenario, (IReadOnlyList<RunResult>)results);
        }));

        foreach (var (scenario, results) in runs)
        {
            Console.WriteLine(ResultTable.Console(scenario, results));
            if (output is not null)
            {
                Directory.CreateDirectory(Path.Combine(output, "benchmarks"));
                RatePlot.Save(scenario, results, Path.Combine(output, "benchmarks", $"{scenario.Name}.png"));
            }
        }

        if (output is not null)
        {
            var command = "dotnet run -c Release --project tests/AdherenceSync.Benchmarks -- " + string.Join(' ', args);
            Console.WriteLine($"Wrote {MarkdownReport.Write(output, command, runs)}");
        }

        return 0;
    }

    private static IEnumerable<IStrategy> Strategies(Scenario scenario)
    {
        yield return new NaiveLoopStrategy();
        yield return new ForumBackoffStrategy();
        yield return new StandardResilienceStrategy();
        yield return new GenesysSdkStrategy(maxRetryTimeSeconds: 0);
        yield return new GenesysSdkStrategy(maxRetryTimeSeconds: 180);
        yield return AdherenceSyncStrategy.Defaults;
        if (scenario.DocumentedRequestsPerMinute != scenario.ServerRequestsPerMinute)
        {
            yield return AdherenceSyncStrategy.ToldDocumented;
        }

        yield return AdherenceSyncStrategy.ToldExact;
        if (scenario.Instances > 1)
        {
            yield return AdherenceSyncStrategy.DefaultsSharedRedis;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
