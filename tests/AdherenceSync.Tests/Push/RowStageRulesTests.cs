using AdherenceSync.Push;

namespace AdherenceSync.Tests.Push;

public sealed class RowStageRulesTests
{
    [Theory]
    [InlineData(nameof(RowStage.Planned), nameof(RowStage.Writing))]
    [InlineData(nameof(RowStage.NotApplied), nameof(RowStage.Writing))]
    [InlineData(nameof(RowStage.Writing), nameof(RowStage.Accepted))]
    [InlineData(nameof(RowStage.Writing), nameof(RowStage.InDoubt))]
    [InlineData(nameof(RowStage.Writing), nameof(RowStage.NotApplied))]
    [InlineData(nameof(RowStage.Writing), nameof(RowStage.Planned))]
    [InlineData(nameof(RowStage.InDoubt), nameof(RowStage.Checking))]
    [InlineData(nameof(RowStage.Checking), nameof(RowStage.Found))]
    [InlineData(nameof(RowStage.Checking), nameof(RowStage.NotApplied))]
    [InlineData(nameof(RowStage.Checking), nameof(RowStage.Unresolved))]
    [InlineData(nameof(RowStage.Accepted), nameof(RowStage.AwaitingJob))]
    [InlineData(nameof(RowStage.AwaitingJob), nameof(RowStage.Done))]
    [InlineData(nameof(RowStage.Found), nameof(RowStage.Done))]
    [InlineData(nameof(RowStage.Unresolved), nameof(RowStage.Done))]
    [InlineData(nameof(RowStage.Planned), nameof(RowStage.Done))]
    public void IsLegal_AMoveOfThePicture_IsAllowed(string from, string to)
        => Assert.True(RowStageRules.IsLegal(Enum.Parse<RowStage>(from), Enum.Parse<RowStage>(to)));

    [Theory]
    [InlineData(nameof(RowStage.InDoubt), nameof(RowStage.Writing))] // a write in doubt is never written again before a check
    [InlineData(nameof(RowStage.Found), nameof(RowStage.Writing))] // found: nothing more is written
    [InlineData(nameof(RowStage.Unresolved), nameof(RowStage.Writing))] // nobody knows: never written blindly
    [InlineData(nameof(RowStage.Accepted), nameof(RowStage.Writing))] // applied: never written twice
    [InlineData(nameof(RowStage.Writing), nameof(RowStage.Writing))] // two writes of a row are never in flight
    [InlineData(nameof(RowStage.Writing), nameof(RowStage.Done))] // an outcome waits for the answer
    [InlineData(nameof(RowStage.Checking), nameof(RowStage.Done))]
    [InlineData(nameof(RowStage.Done), nameof(RowStage.Done))] // one outcome per row
    [InlineData(nameof(RowStage.Done), nameof(RowStage.Writing))]
    [InlineData(nameof(RowStage.NotApplied), nameof(RowStage.Planned))]
    public void IsLegal_AMoveThatWouldBreakARule_IsRefused(string from, string to)
        => Assert.False(RowStageRules.IsLegal(Enum.Parse<RowStage>(from), Enum.Parse<RowStage>(to)));

    [Fact]
    public void IsLegal_EveryStage_CanReachDoneOrLeadsToOneThatCan()
    {
        var stages = Enum.GetValues<RowStage>();
        var reaches = new HashSet<RowStage> { RowStage.Done };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var from in stages.Where(s => !reaches.Contains(s) && stages.Any(to => reaches.Contains(to) && RowStageRules.IsLegal(s, to))))
            {
                changed |= reaches.Add(from);
            }
        }

        Assert.Equal(stages.Order(), reaches.Order());
    }
}
