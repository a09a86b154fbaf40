using System.Diagnostics;
using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>
/// One row's way through its push, as a state machine: its <see cref="Stage"/>, moved only by the methods below (one per
/// move, each checked against <see cref="RowStageRules"/>; an illegal move throws in debug builds), and what its requests
/// taught along the way (writes, polls, queries, the last answer and error). <see cref="End"/> gives its one outcome.
/// </summary>
internal sealed partial class RowAttempt
{
    private RowAttempt(int index, AdherenceRow row, PushRun run)
    {
        Index = index;
        Row = row;
        Run = run;
    }

    public int Index { get; }

    public AdherenceRow Row { get; }

    public PushRun Run { get; }

    /// <summary>Gets the row's content key (<see cref="RowKey"/>), which a checkpoint records.</summary>
    public UInt128 Key { get; private init; }

    /// <summary>
    /// Gets the query this row sends instead of its own, when it carries a lookup for many rows (a business unit's or an
    /// agent's explanations over a span): the path and the body.
    /// </summary>
    public (string Path, ExplanationQuery Body)? Lookup { get; private init; }

    /// <summary>Gets where the row stands.</summary>
    public RowStage Stage { get; private set; }

    /// <summary>Gets a value indicating whether the last write may have been applied: the platform is asked before it is written again.</summary>
    public bool InDoubt => Stage == RowStage.InDoubt;

    /// <summary>A row to write; one that an earlier run started and did not see through starts in doubt.</summary>
    public static RowAttempt Plan(PlannedRow row, PushRun run) => new(row.Index, row.Row, run)
    {
        Key = row.Key,
        Stage = row.StartedEarlier ? RowStage.InDoubt : RowStage.Planned,
        LastWriteError = row.StartedEarlier ? "an earlier run was interrupted after it started this row" : null,
    };

    /// <summary>A row that carries a lookup of many rows' explanations: it sends that query, and nothing of its own.</summary>
    public static RowAttempt Carrying(int index, AdherenceRow row, PushRun run, string path, ExplanationQuery query)
        => new(index, row, run) { Lookup = (path, query) };

    /// <summary>Any stage but Writing and Checking → Done: the row's one outcome.</summary>
    public RowResult End(RowOutcome outcome, string? error, string? explanationId = null, string? jobId = null)
    {
        Move(RowStage.Done);
        return new()
        {
            Index = Index,
            Row = Row,
            Outcome = outcome,
            Attempts = Writes,
            HttpStatus = LastOwnSignals?.Status,
            Error = error,
            ExplanationId = explanationId,
            ExplanationIdMissingReason = outcome == RowOutcome.Succeeded && explanationId is null
                ? LastOwnSignals?.WithoutIdReason ?? "the platform confirmed the write without giving its explanation id"
                : null,
            JobId = jobId,
        };
    }

    private void Move(RowStage to)
    {
        Verify(Stage, to);
        Stage = to;
    }

    [Conditional("DEBUG")]
    private static void Verify(RowStage from, RowStage to)
    {
        if (!RowStageRules.IsLegal(from, to))
        {
            throw new InvalidOperationException($"A row cannot move from {from} to {to}.");
        }
    }
}
