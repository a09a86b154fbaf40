namespace AdherenceSync.Push;

/// <summary>Which moves between <see cref="RowStage"/>s a row may make; <see cref="RowAttempt"/> makes no other.</summary>
internal static class RowStageRules
{
    /// <summary>Whether a row in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsLegal(RowStage from, RowStage to) => (from, to) switch
    {
        (RowStage.Done, _) => false,
        (_, RowStage.Done) => from is not (RowStage.Writing or RowStage.Checking),

        // A write begins from a row that has nothing on the platform, as far as anyone knows.
        (RowStage.Planned or RowStage.NotApplied, RowStage.Writing) => true,

        // A write's answer, or its failure; a write that never left (signing in failed) goes back to where it was.
        (RowStage.Writing, RowStage.Accepted or RowStage.NotApplied or RowStage.InDoubt or RowStage.Planned) => true,

        // A request that failed before it was handed over: the row stays, or is in doubt when an earlier write's answer was lost.
        (RowStage.Planned or RowStage.NotApplied, RowStage.Planned or RowStage.NotApplied or RowStage.InDoubt) => from == to || to == RowStage.InDoubt,

        // A check: of a row in doubt, or a lookup carried by a row that sends nothing of its own.
        (RowStage.InDoubt or RowStage.Planned, RowStage.Checking) => true,
        (RowStage.Checking, RowStage.Found or RowStage.NotApplied or RowStage.Unresolved or RowStage.InDoubt) => true,

        (RowStage.Accepted, RowStage.AwaitingJob) => true,
        _ => false,
    };
}
