using System.Globalization;

namespace AdherenceSync.Cli.Output;

/// <summary>Plain progress lines while a push runs, then a summary table.</summary>
internal sealed class ConsoleReporter(TextWriter output) : IProgress<PushProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private TimeSpan? _lastPrinted;

    public void Report(PushProgress value)
    {
        lock (_gate)
        {
            if (value.Completed < value.Total && _lastPrinted is { } last && value.Elapsed - last < Interval)
            {
                return;
            }

            _lastPrinted = value.Elapsed;
            var rate = value.Elapsed > TimeSpan.Zero ? value.Completed / value.Elapsed.TotalSeconds : 0;
            var eta = rate > 0 ? TimeSpan.FromSeconds((value.Total - value.Completed) / rate) : (TimeSpan?)null;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{value.Elapsed.TotalSeconds,6:F1} s] {value.Completed,6}/{value.Total} rows  ok {value.Succeeded}  rejected {value.Rejected}  failed {value.Failed}  not attempted {value.NotAttempted}  {rate,5:F1} rows/s{(eta is { } e ? $"  ETA {e.TotalSeconds:F0} s" : string.Empty)}"));
        }
    }

    public void WriteSummary(PushReport report)
    {
        output.WriteLine();
        output.WriteLine("Outcome          Rows");
        output.WriteLine("---------------  -----");
        Line("Succeeded", report.Succeeded);
        Line("Rejected", report.Rejected);
        Line("Failed", report.Failed);
        Line("Not attempted", report.NotAttempted);
        output.WriteLine("---------------  -----");
        Line("Total", report.Total);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Duration         {report.Duration.TotalSeconds:F1} s"));
        if (report.HaltReason is not null)
        {
            output.WriteLine($"Halted: {report.HaltReason}");
        }

        if (report.Cancelled)
        {
            output.WriteLine("Cancelled: rows not yet sent are reported as not attempted.");
        }

        foreach (var row in report.Rows.Where(r => r.Outcome is RowOutcome.Rejected or RowOutcome.Failed).Take(10))
        {
            output.WriteLine($"  row {row.Index} ({row.Row.AgentId}): {row.Outcome}: {row.Error}");
        }
    }

    private void Line(string label, int count)
        => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-15}  {count,5}"));
}
