using System.Diagnostics.Metrics;
using AdherenceSync.Cli.Output;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;

namespace AdherenceSync.Tests.Cli.Output;

public sealed class LiveDisplayTests
{
    [Fact]
    public async Task ShowAsync_PushInATerminal_DrawsProgressThenTheSummaryTable()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var watch = new ThrottleWatch(services.GetRequiredService<IMeterFactory>());
        var console = new TestConsole().Width(120);
        var sut = new LiveDisplay(console, new ProgressTracker(watch), TimeProvider.System);
        var rows = SampleCohort.Generate(4, 2);
        var release = new TaskCompletionSource();

        var shown = sut.ShowAsync(async () =>
        {
            sut.Report(new PushProgress(4, 2, 0, 0, 0, TimeSpan.FromSeconds(1)));
            await release.Task;
            sut.Report(new PushProgress(4, 3, 1, 0, 0, TimeSpan.FromSeconds(2)));
            RowResult[] results = [.. rows.Select((r, i) => new RowResult
            {
                Index = i,
                Row = r,
                Outcome = i == 3 ? RowOutcome.Rejected : RowOutcome.Succeeded,
                Error = i == 3 ? "HTTP 404 not.found: Agent not found." : null,
            })];
            return new PushReport(results, TimeSpan.FromSeconds(2), cancelled: false, haltReason: null);
        });
        await Eventually.WaitUntilAsync(() => console.Output.Contains("2/4", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the live display never drew the progress");
        release.SetResult();
        var report = await shown;
        sut.WriteSummary(report, lines: [2, 3, 4, 5]);

        var output = console.Output;
        Assert.Contains("4/4", output);
        Assert.Contains("ok 3", output);
        Assert.Contains("rejected 1", output);
        Assert.Matches(@"Succeeded\s+│\s+3", output);
        Assert.Matches(@"Rejected\s+│\s+1", output);
        Assert.Contains("line 5 (", output); // the CLI speaks in file lines, as the report does
        Assert.Contains("HTTP 404 not.found: Agent not found.", output);
    }
}
