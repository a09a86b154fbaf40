using System.Diagnostics.Metrics;
using AdherenceSync.Cli.Output;
using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Tests.Cli.Output;

public sealed class ProgressTrackerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ThrottleWatch _watch;

    public ProgressTrackerTests() => _watch = new ThrottleWatch(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void Add_ProgressOfEveryRowForTenSeconds_KeepsASampleEveryTenthOfASecond()
    {
        var sut = new ProgressTracker(_watch);

        // 1,000 rows a second, each reported as it ends.
        for (var row = 1; row <= 10_000; row++)
        {
            sut.Add(new PushProgress(10_000, row, 0, 0, 0, TimeSpan.FromMilliseconds(row)));
        }

        Assert.InRange(sut.SampleCount, 99, 101);
    }

    [Fact]
    public void View_RowsAtASteadyRateForLongerThanTheWindow_MeasuresThatRate()
    {
        var sut = new ProgressTracker(_watch);

        // 30 s at 1,000 rows a second, then 30 s at 250.
        for (var ms = 1; ms <= 60_000; ms++)
        {
            var row = ms <= 30_000 ? ms : 30_000 + ((ms - 30_000) / 4);
            sut.Add(new PushProgress(60_000, row, 0, 0, 0, TimeSpan.FromMilliseconds(ms)));
        }

        var view = sut.View();
        Assert.InRange(view.RowsPerSecond, 249, 251);
        Assert.Equal(37_500, view.Progress.Succeeded);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _services.Dispose();
    }
}
