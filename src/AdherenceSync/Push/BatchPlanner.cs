namespace AdherenceSync.Push;

/// <summary>
/// Groups rows by queue (queues in order of first appearance, rows in input order within a queue)
/// and splits each queue into batches.
/// </summary>
internal static class BatchPlanner
{
    public static IReadOnlyList<QueuePlan> Plan(IReadOnlyList<PlannedRow> rows, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        var byQueue = new Dictionary<string, List<PlannedRow>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var queue = rows[i].Row.QueueId;
            if (!byQueue.TryGetValue(queue, out var list))
            {
                byQueue[queue] = list = [];
                order.Add(queue);
            }

            list.Add(rows[i]);
        }

        return [.. order.Select(queue => new QueuePlan(queue, [.. byQueue[queue].Chunk(batchSize)]))];
    }
}
