using AdherenceSync.Resilience;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Resilience;

public sealed class RetryBudgetTests
{
    [Fact]
    public void TryWithdraw_Retries_DrainTheBudgetFiveAtATimeThenRefuse()
    {
        var sut = new RetryBudget(new RetryBudgetOptions());

        var paid = Enumerable.Range(0, 101).Select(_ => sut.TryWithdraw(afterTimeout: false, out _)).ToList();

        Assert.Equal(100, paid.Count(p => p));
        Assert.False(paid[^1]);
        Assert.Equal(0, sut.Available);
    }

    [Fact]
    public void TryWithdraw_AfterATimeout_CostsTen()
    {
        var sut = new RetryBudget(new RetryBudgetOptions());

        Assert.True(sut.TryWithdraw(afterTimeout: true, out var cost));

        Assert.Equal(10, cost);
        Assert.Equal(490, sut.Available);
    }

    [Fact]
    public void OnSuccess_WithoutRetries_GivesBackOneUpToTheCapacity()
    {
        var sut = new RetryBudget(new RetryBudgetOptions());
        sut.TryWithdraw(afterTimeout: false, out _);
        sut.TryWithdraw(afterTimeout: false, out _);

        for (var i = 0; i < 7; i++)
        {
            sut.OnSuccess(retriesTook: 0);
        }

        Assert.Equal(497, sut.Available);
        for (var i = 0; i < 10; i++)
        {
            sut.OnSuccess(retriesTook: 0);
        }

        Assert.Equal(500, sut.Available);
    }

    [Fact]
    public void OnSuccess_AfterRetries_GivesBackWhatTheyTook()
    {
        var sut = new RetryBudget(new RetryBudgetOptions());
        sut.TryWithdraw(afterTimeout: false, out var first);
        sut.TryWithdraw(afterTimeout: true, out var second);
        Assert.Equal(485, sut.Available);

        sut.OnSuccess(retriesTook: first + second);

        Assert.Equal(500, sut.Available);
    }

    [Fact]
    public void TryWithdraw_Disabled_AlwaysPays()
    {
        var sut = new RetryBudget(new RetryBudgetOptions { Enabled = false, Capacity = 1 });

        Assert.All(Enumerable.Range(0, 50), _ => Assert.True(sut.TryWithdraw(afterTimeout: false, out _)));
    }

    [Fact]
    public async Task PushAsync_BudgetEmptiedByFailingRows_FailsRetryableRowsWithoutRetrying()
    {
        using var harness = new Harness(
            s =>
            {
                s.RequestsPerMinute = 60_000;
                s.Faults.ForAgent["agent-01-001"] = SimulatedFault.Status(503);
                s.Faults.ForAgent["agent-02-001"] = SimulatedFault.Status(503);
            },
            c =>
            {
                c.Pacing.RequestsPerMinute = 60_000;
                c.Retry.Budget.Capacity = 12;
                c.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            });
        var rows = SampleCohort.Generate(2, 2, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        // 12 tokens pay for exactly two retries of 5; after that no retry is sent, whichever row asks.
        Assert.Equal(2, report.Failed);
        Assert.Equal(4, report.Rows.Sum(r => r.Attempts));
        Assert.All(report.Rows, r => Assert.Matches(@"^retry budget exhausted after \d attempts?; last error: HTTP 503 ", r.Error));
        Assert.Equal(4, harness.Simulator.Requests.Count(r => !r.Path.EndsWith("/query", StringComparison.Ordinal)));
    }
}
