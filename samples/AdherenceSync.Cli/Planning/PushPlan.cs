namespace AdherenceSync.Cli.Planning;

/// <summary>
/// What <c>push --dry-run</c> prints: the queues, their batches, and how long the budget needs for one request per row.
/// The estimate is a floor: it counts no latency, throttling or retries. Without a configured budget the client learns
/// the server's, and the estimate takes Genesys Cloud's documented default (<see cref="DocumentedRequestsPerMinute"/>).
/// </summary>
internal sealed record PushPlan(
    string File, int Rows, int BatchSize, int MaxParallelQueues, int RequestsPerMinute, int? QueueRequestsPerMinute,
    int Batches, double EstimatedSeconds, IReadOnlyList<PlannedQueue> Queues, bool BudgetConfigured)
{
    /// <summary>Genesys Cloud's documented budget of a client-credentials token, in requests a minute.</summary>
    public const int DocumentedRequestsPerMinute = 300;

    public static PushPlan Create(string file, IEnumerable<KeyValuePair<string, int>> queueRows, AdherenceSyncOptions options)
    {
        var queues = queueRows.Select(q => new PlannedQueue(q.Key, q.Value, (q.Value + options.BatchSize - 1) / options.BatchSize)).ToList();
        var rows = queues.Sum(q => q.Rows);

        // The client budget caps all queues together; a queue budget caps each queue, and queues run MaxParallelQueues at a time.
        var perMinute = options.Pacing.RequestsPerMinute ?? DocumentedRequestsPerMinute;
        var seconds = Minutes(rows, perMinute) * 60;
        if (options.Pacing.QueueRequestsPerMinute is { } perQueue && queues.Count > 0)
        {
            var each = queues.Select(q => Minutes(q.Rows, perQueue) * 60).ToList();
            seconds = Math.Max(seconds, Math.Max(each.Max(), each.Sum() / options.MaxParallelQueues));
        }

        return new PushPlan(
            file, rows, options.BatchSize, options.MaxParallelQueues, perMinute, options.Pacing.QueueRequestsPerMinute,
            queues.Sum(q => q.Batches), Math.Round(seconds, 1), queues, options.Pacing.RequestsPerMinute is not null);
    }

    private static double Minutes(int requests, int perMinute) => (double)requests / perMinute;
}
