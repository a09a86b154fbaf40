namespace AdherenceSync.Benchmarks.Scenarios;

/// <summary>
/// The least time the server's limits allow for the rows, from the first request on:
/// <list type="bullet">
/// <item>a fixed window of length L allowing W (starting at the first request) passes n requests no faster than
/// (⌈n / W⌉ − 1) · L;</item>
/// <item>a token bucket of rate r holding b passes them no faster than (n − b) / r;</item>
/// <item>a per-queue limit bounds each queue's rows the same way; queues may run in parallel, so the bound is the largest.</item>
/// </list>
/// </summary>
internal static class LowerBound
{
    /// <param name="scenario">The server.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="forcedThrottles">429s the server gave whatever the budget: each is a request the rows cannot do without.</param>
    public static TimeSpan For(Scenario scenario, IReadOnlyList<AdherenceRow> rows, int forcedThrottles = 0)
    {
        var client = scenario.LimitChange is { } change && scenario.Window is { } length
            ? Changing(scenario, change, length, rows.Count + forcedThrottles)
            : Bound(scenario, scenario.ServerRequestsPerMinute, rows.Count + forcedThrottles);
        var queue = scenario.QueueRequestsPerMinute is { } perQueue
            ? rows.GroupBy(r => r.QueueId).Max(g => Bound(scenario, perQueue, g.Count()))
            : 0;
        return TimeSpan.FromSeconds(Math.Max(client, queue));
    }

    /// <summary>A fixed window whose allowance changes: the windows fill one by one, each with the allowance of its start.</summary>
    private static double Changing(Scenario scenario, (TimeSpan After, int RequestsPerMinute) change, TimeSpan length, int count)
    {
        var sent = 0;
        for (var k = 0; ; k++)
        {
            var start = k * length;
            sent += scenario.PerWindow(start < change.After ? scenario.ServerRequestsPerMinute : change.RequestsPerMinute);
            if (sent >= count)
            {
                return start.TotalSeconds;
            }
        }
    }

    private static double Bound(Scenario scenario, int perMinute, int count)
    {
        if (scenario.Window is { } window)
        {
            return (Math.Ceiling(count / (double)scenario.PerWindow(perMinute)) - 1) * window.TotalSeconds;
        }

        var perSecond = perMinute / 60d;
        return Math.Max(0, (count - Scenario.Burst(perSecond)) / perSecond);
    }
}
