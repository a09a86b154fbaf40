using System.Globalization;
using System.Text;
using AdherenceSync.Benchmarks.Scenarios;

namespace AdherenceSync.Benchmarks.Measurement;

/// <summary>Formats results as a fixed-width table for the console and as Markdown for the docs.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers = ["Strategy", "Rows", "Wall (s)", "Lower bound (s)", "Efficiency", "Requests", "429s", "429s no budget's", "Rows lost", "Rows duplicated", "Queue overlaps", "Sent inside a Retry-After"];

    public static string Console(Scenario scenario, IReadOnlyList<RunResult> results)
    {
        var headers = HeadersOf(scenario);
        var cells = results.Select(r => Cells(scenario, r)).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Scenario {scenario.Name}: {scenario.Description}");
        text.AppendLine(string.Join("  ", headers.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            text.AppendLine(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        }

        return text.ToString();
    }

    public static string Markdown(Scenario scenario, IReadOnlyList<RunResult> results)
    {
        var headers = HeadersOf(scenario);
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in results.Select(r => Cells(scenario, r)))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    /// <summary>Where writes are answered as jobs, every request on the token (writes and what confirms them), and per row.</summary>
    private static string[] HeadersOf(Scenario scenario)
        => scenario.JobLatency is null ? Headers : [.. Headers, "Requests with confirmation", "Per row"];

    private static string[] Cells(Scenario scenario, RunResult r) => scenario.JobLatency is null
        ? Cells(r)
        : [.. Cells(r), r.AllRequests.ToString(CultureInfo.InvariantCulture), (r.AllRequests / (double)r.Rows).ToString("F2", CultureInfo.InvariantCulture)];

    private static string[] Cells(RunResult r) =>
    [
        r.Strategy,
        r.Rows.ToString(CultureInfo.InvariantCulture),
        r.Wall.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
        r.LowerBound.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
        // Finishing early by dropping rows is not efficiency.
        r.Lost > 0 ? "n/a (rows lost)" : r.Efficiency.ToString("F2", CultureInfo.InvariantCulture),
        r.Requests.ToString(CultureInfo.InvariantCulture),
        string.Create(CultureInfo.InvariantCulture, $"{r.Throttled} ({r.ThrottledShare:P1})"),
        r.NoBudgetThrottled.ToString(CultureInfo.InvariantCulture),
        r.Lost.ToString(CultureInfo.InvariantCulture),
        r.Duplicated.ToString(CultureInfo.InvariantCulture),
        r.Overlaps.ToString(CultureInfo.InvariantCulture),
        r.InsideRetryAfter.ToString(CultureInfo.InvariantCulture),
    ];
}
