using AdherenceSync.Checkpoints;

namespace AdherenceSync.Tests.Checkpoints;

public sealed class CheckpointViewTests
{
    private static readonly AdherenceRow Row = Validation.AdherenceRowValidatorTests.Row();

    [Fact]
    public async Task LoadAsync_NoStore_GivesNoViewSoNoRowIsLookedUp()
        => Assert.Null(await CheckpointView.LoadAsync(null, "t", allowOtherTarget: false, TestContext.Current.CancellationToken));

    [Theory]
    [InlineData(new[] { CheckpointState.Started }, null, true)]
    [InlineData(new[] { CheckpointState.Started, CheckpointState.Succeeded }, RowOutcome.Succeeded, true)]
    [InlineData(new[] { CheckpointState.Rejected }, RowOutcome.Rejected, false)]
    [InlineData(new[] { CheckpointState.Started, CheckpointState.Failed }, null, true)]
    [InlineData(new CheckpointState[0], null, false)]
    public async Task Look_RecordedStates_SaysWhetherDoneAndWhetherStartedInOneLookup(CheckpointState[] recorded, RowOutcome? done, bool started)
    {
        var store = new MemoryStore([.. recorded.Select(s => new CheckpointEntry(CheckpointView.KeyOf(Row), s, s == CheckpointState.Succeeded ? "e-1" : null))]);
        var view = await CheckpointView.LoadAsync(store, "t", allowOtherTarget: false, TestContext.Current.CancellationToken);

        var look = view!.Look(7, Row, RowKey.Compute(Row));

        Assert.Equal((done, started), (look.Done?.Outcome, look.Started));
        Assert.True(look.Done is null || look.Done is { Index: 7, FromCheckpoint: true });
    }

    private sealed class MemoryStore(IReadOnlyList<CheckpointEntry> entries) : ICheckpointStore
    {
        public ValueTask<IReadOnlyList<CheckpointEntry>> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(entries);

        public ValueTask RecordAsync(CheckpointEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
