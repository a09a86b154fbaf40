using System.Globalization;

namespace AdherenceSync.Cli.Output;

/// <summary>Plain progress lines every 2 s of the push, for logs, CI and redirected output; then a plain summary table.</summary>
internal sealed class PlainDisplay(TextWriter output, ProgressTracker tracker) : IPushDisplay
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private TimeSpan? _lastPrinted;

    public Task<PushReport> ShowAsync(Func<Task<PushReport>> push) => push();

    public void Report(PushProgress value)
    {
        tracker.Add(value);
        lock (_gate)
        {
            if (value.Completed < value.Total && _lastPrinted is { } last && value.Elapsed - last < Interval)
            {
                return;
            }

            _lastPrinted = value.Elapsed;
            var view = tracker.View();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{value.Elapsed.TotalSeconds,6:F1} s] {value.Completed,6}/{value.Total} rows  ok {value.Succeeded}  rejected {value.Rejected}  failed {value.Failed}  unknown {value.Unknown}  not attempted {value.NotAttempted}  {view.RowsPerSecond,5:F1} rows/s  429s {view.Throttled}  waited {view.Waited.TotalSeconds:F1} s{(view.Eta is { } e ? $"  ETA {e.TotalSeconds:F0} s" : string.Empty)}"));
        }
    }

    public void WriteSummary(PushReport report, IReadOnlyList<int>? lines = null, IReadOnlyList<RowResult>? problems = null)
    {
        var view = tracker.View();
        output.WriteLine();
        output.WriteLine("Outcome          Rows");
        output.WriteLine("---------------  -----");
        Line("Succeeded", report.Succeeded);
        Line("Rejected", report.Rejected);
        Line("Failed", report.Failed);
        Line("Unknown", report.Unknown);
        Line("Not attempted", report.NotAttempted);
        output.WriteLine("---------------  -----");
        Line("Total", report.Total);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Duration         {report.Duration.TotalSeconds:F1} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throttled (429)  {view.Throttled}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Waited           {view.Waited.TotalSeconds:F1} s (permits, Retry-After and backoff, summed over waiting requests)"));
        foreach (var note in SummaryNotes.For(report, lines, problems))
        {
            output.WriteLine(note);
        }
    }

    private void Line(string label, int count)
        => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-15}  {count,5}"));
}
