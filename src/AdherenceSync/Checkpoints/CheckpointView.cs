
namespace AdherenceSync.Checkpoints;

/// <summary>What a checkpoint says about each row: its last state, and whether it was ever started.</summary>
internal sealed class CheckpointView
{
    private readonly Dictionary<UInt128, (CheckpointEntry Last, bool Started)> _rows = [];

    /// <returns>The view, or <see langword="null"/> without a store: then no row is looked up.</returns>
    /// <exception cref="CheckpointTargetException">An entry was recorded for another target, and that is not allowed.</exception>
    public static async Task<CheckpointView?> LoadAsync(ICheckpointStore? store, string target, bool allowOtherTarget, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return null;
        }

        var view = new CheckpointView();

        foreach (var entry in await store.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!allowOtherTarget && entry.Target is { } recorded && !string.Equals(recorded, target, StringComparison.Ordinal))
            {
                throw new CheckpointTargetException(recorded, target);
            }

            if (!RowKey.TryParseHex(entry.RowKey, out var key))
            {
                continue; // Not a key this client wrote: it names no row.
            }

            var started = view._rows.TryGetValue(key, out var known) && known.Started;
            view._rows[key] = (entry, started || entry.State == CheckpointState.Started);
        }

        return view;
    }

    /// <summary>The key a checkpoint records for the row whose content key is <paramref name="key"/>.</summary>
    public static string KeyOf(UInt128 key) => RowKey.ToHex(key);

    /// <summary>The key a checkpoint records for <paramref name="row"/>.</summary>
    public static string KeyOf(AdherenceRow row) => KeyOf(RowKey.Compute(row));

    /// <summary>
    /// What the checkpoint says of a row, in one lookup: the recorded result of a row that is done (succeeded or
    /// rejected), to report instead of sending it; else whether an earlier run started it and did not see it through, so
    /// that the platform must be asked first.
    /// </summary>
    public (RowResult? Done, bool Started) Look(int index, AdherenceRow row, UInt128 key)
        => !_rows.TryGetValue(key, out var known) ? (null, false)
            : known.Last.State is CheckpointState.Succeeded or CheckpointState.Rejected ? (Done(index, row, known.Last), known.Started)
            : (null, known.Started);

    private static RowResult Done(int index, AdherenceRow row, CheckpointEntry last) => new()
    {
        Index = index,
        Row = row,
        Outcome = last.State == CheckpointState.Succeeded ? RowOutcome.Succeeded : RowOutcome.Rejected,
        ExplanationId = last.ExplanationId,
        ExplanationIdMissingReason = last.State == CheckpointState.Succeeded && last.ExplanationId is null
            ? "an earlier run recorded the row without an explanation id"
            : null,
        Error = last.Error,
        FromCheckpoint = true,
    };
}
