using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AdherenceSync.Cli.Output;

/// <summary>A live Spectre.Console display for a terminal: a progress bar and the counts, redrawn four times a second.</summary>
internal sealed class LiveDisplay(IAnsiConsole console, ProgressTracker tracker, TimeProvider timeProvider) : IPushDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public void Report(PushProgress value) => tracker.Add(value);

    public Task<PushReport> ShowAsync(Func<Task<PushReport>> push)
        => console.Live(Render(tracker.View())).AutoClear(false).StartAsync(async context =>
        {
            var running = push();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(Refresh, timeProvider));
                context.UpdateTarget(Render(tracker.View()));
            }

            return await running;
        });

    public void WriteSummary(PushReport report, IReadOnlyList<int>? lines = null, IReadOnlyList<RowResult>? problems = null)
    {
        var view = tracker.View();
        var table = new Table().Title("Summary").AddColumn("Outcome").AddColumn(new TableColumn("Rows").RightAligned());
        table.AddRow("[green]Succeeded[/]", Count(report.Succeeded));
        table.AddRow("[yellow]Rejected[/]", Count(report.Rejected));
        table.AddRow("[red]Failed[/]", Count(report.Failed));
        table.AddRow("[fuchsia]Unknown[/]", Count(report.Unknown));
        table.AddRow("[grey]Not attempted[/]", Count(report.NotAttempted));
        table.AddRow("[bold]Total[/]", Count(report.Total));
        table.AddEmptyRow();
        table.AddRow("Duration", Seconds(report.Duration));
        table.AddRow("Throttled (429)", Count(view.Throttled));
        table.AddRow("Waited (summed over waiting requests)", Seconds(view.Waited));
        console.Write(table);
        foreach (var note in SummaryNotes.For(report, lines, problems))
        {
            console.WriteLine(note, Style.Plain);
        }
    }

    private static IRenderable Render(ProgressView view)
    {
        var p = view.Progress;
        var done = p.Total == 0 ? 1 : (double)p.Completed / p.Total;
        var bar = new BreakdownChart().Width(60).HideTags()
            .AddItem("done", Math.Max(done, 0.0001), Color.Green)
            .AddItem("left", Math.Max(1 - done, 0.0001), Color.Grey23);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Rows", $"{p.Completed}/{p.Total}");
        grid.AddRow("Outcomes", $"[green]ok {p.Succeeded}[/]  [yellow]rejected {p.Rejected}[/]  [red]failed {p.Failed}[/]  [fuchsia]unknown {p.Unknown}[/]  [grey]not attempted {p.NotAttempted}[/]");
        grid.AddRow("Rate", string.Create(CultureInfo.InvariantCulture, $"{view.RowsPerSecond:F1} rows/s"));
        grid.AddRow("Throttling", string.Create(CultureInfo.InvariantCulture, $"{view.Throttled} × 429, waited {view.Waited.TotalSeconds:F1} s"));
        grid.AddRow("Elapsed / ETA", string.Create(CultureInfo.InvariantCulture, $"{p.Elapsed.TotalSeconds:F0} s / {(view.Eta is { } e ? $"{e.TotalSeconds:F0} s" : "-")}"));
        return new Rows(bar, grid);
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:F1} s");
}
