using AdherenceSync.Push;
using static AdherenceSync.Tests.Validation.AdherenceRowValidatorTests;

namespace AdherenceSync.Tests.Push;

public sealed class BatchPlannerTests
{
    [Fact]
    public void Plan_InterleavedQueues_GroupsByQueueInFirstAppearanceOrderKeepingInputOrder()
    {
        var rows = new[] { Row("a1", "Q2"), Row("a2", "Q1"), Row("a3", "Q2"), Row("a4", "Q3"), Row("a5", "Q1") };

        var plan = BatchPlanner.Plan(Planned(rows), batchSize: 10);

        Assert.Equal(["Q2", "Q1", "Q3"], plan.Select(q => q.QueueId));
        Assert.Equal([0, 2], plan[0].Batches.SelectMany(b => b).Select(r => r.Index));
        Assert.Equal([1, 4], plan[1].Batches.SelectMany(b => b).Select(r => r.Index));
        Assert.Equal([3], plan[2].Batches.SelectMany(b => b).Select(r => r.Index));
    }

    [Theory]
    [InlineData(25, 10, new[] { 10, 10, 5 })]
    [InlineData(10, 10, new[] { 10 })]
    [InlineData(3, 1, new[] { 1, 1, 1 })]
    [InlineData(100, 100, new[] { 100 })]
    public void Plan_OneQueue_SplitsIntoBatchesOfBatchSize(int rowCount, int batchSize, int[] expected)
    {
        var rows = Enumerable.Range(0, rowCount).Select(i => Row($"agent-{i}")).ToArray();

        var plan = BatchPlanner.Plan(Planned(rows), batchSize);

        Assert.Equal(expected, Assert.Single(plan).Batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, rowCount), plan[0].Batches.SelectMany(b => b).Select(r => r.Index));
    }

    [Fact]
    public void Plan_NoRows_ReturnsNoQueues()
        => Assert.Empty(BatchPlanner.Plan([], 10));

    private static PlannedRow[] Planned(AdherenceRow[] rows) => [.. rows.Select((row, i) => new PlannedRow(i, row, RowKey.Compute(row)))];
}
