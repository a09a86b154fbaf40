using AdherenceSync.Benchmarks.Measurement;
using AdherenceSync.Benchmarks.Micro;
using AdherenceSync.Benchmarks.Scenarios;
using AdherenceSync.Benchmarks.Strategies;
using BenchmarkDotNet.Running;

namespace AdherenceSync.Benchmarks;

/// <summary>
/// <c>scenarios [--out DIR] [--only NAME]</c>: every strategy in every scenario, one after the other, with a table
/// (and, with --out, benchmarks.md and plots). <c>micro</c>: BenchmarkDotNet, per-row client overhead.
/// <c>memory [ROWS]</c>: peak working set while rows stream through an unthrottled simulator.
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
                return await StreamingMemoryRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
            default:
                Console.Error.WriteLine("usage: scenarios [--out DIR] [--only NAME] | micro | memory [ROWS]");
                return 2;
        }
    }

    private static async Task<int> RunScenariosAsync(string[] args)
    {
        var output = Option(args, "--out");
        var only = Option(args, "--only");
        var runs = new List<(Scenario, IReadOnlyList<RunResult>)>();
        foreach (var scenario in ScenarioCatalog.All.Where(s => only is null || s.Name == only))
        {
            var results = new List<RunResult>();
            foreach (var strategy in Strategies())
            {
                Console.Error.WriteLine($"{scenario.Name}: {strategy.Name} ...");
                results.Add(await ScenarioRunner.RunAsync(scenario, strategy));
            }

            Console.WriteLine(ResultTable.Console(scenario, results));
            runs.Add((scenario, results));
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

    private static IEnumerable<IStrategy> Strategies() =>
    [
        new NaiveLoopStrategy(),
        new ForumBackoffStrategy(),
        new StandardResilienceStrategy(),
        new AdherenceSyncStrategy("4. AdherenceSync defaults", budgetFactor: 1),
        new AdherenceSyncStrategy("5. AdherenceSync, budget 3x too high", budgetFactor: 3),
    ];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
