namespace AdherenceSync.Push;

/// <summary>The rows of one queue in input order, split into batches.</summary>
internal sealed class QueuePlan(string queueId, IReadOnlyList<IReadOnlyList<PlannedRow>> batches)
{
    public string QueueId { get; } = queueId;

    public IReadOnlyList<IReadOnlyList<PlannedRow>> Batches { get; } = batches;

    public int RowCount => Batches.Sum(b => b.Count);
}
