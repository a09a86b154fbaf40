namespace AdherenceSync.Benchmarks.Scenarios;

/// <summary>
/// The least time the server's limits allow for the rows: a token bucket of rate r holding b lets n requests through no
/// faster than (n − b) / r; with a per-queue limit as well, every queue's own rows bound it too. Queues may run in
/// parallel, so the bound is the largest of these.
/// </summary>
internal static class LowerBound
{
    public static TimeSpan For(Scenario scenario, IReadOnlyList<AdherenceRow> rows)
    {
        var client = Math.Max(0, (rows.Count - scenario.ServerBurst) / scenario.ServerPerSecond);
        var queue = scenario.QueuePerSecond is { } perQueue
            ? rows.GroupBy(r => r.QueueId).Max(g => Math.Max(0, (g.Count() - scenario.QueueBurst) / perQueue))
            : 0;
        return TimeSpan.FromSeconds(Math.Max(client, queue));
    }
}
