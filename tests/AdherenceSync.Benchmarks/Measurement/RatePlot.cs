using AdherenceSync.Benchmarks.Scenarios;
using ScottPlot;

namespace AdherenceSync.Benchmarks.Measurement;

/// <summary>Requests per second over time for each strategy, against the server's limit (ScottPlot, PNG).</summary>
internal static class RatePlot
{
    public static void Save(Scenario scenario, IReadOnlyList<RunResult> results, string path)
    {
        var plot = new Plot();
        foreach (var result in results)
        {
            var seconds = (int)Math.Ceiling(result.Timeline.Count == 0 ? 1 : result.Timeline.Max(t => t.Seconds)) + 1;
            var perSecond = new double[seconds];
            foreach (var (at, _) in result.Timeline)
            {
                perSecond[Math.Clamp((int)at, 0, seconds - 1)]++;
            }

            var line = plot.Add.Scatter(Enumerable.Range(0, seconds).Select(s => s + 0.5).ToArray(), perSecond);
            line.LegendText = result.Strategy;
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }

        var limit = plot.Add.HorizontalLine(scenario.ServerPerSecond);
        limit.LegendText = $"server limit ({scenario.ServerPerSecond:0.#}/s)";
        limit.LinePattern = LinePattern.Dashed;
        plot.Title($"{scenario.Name}: requests per second (all answers, 429s included)");
        plot.XLabel("seconds since the strategy started");
        plot.YLabel("requests per second");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1100, 550);
    }
}
