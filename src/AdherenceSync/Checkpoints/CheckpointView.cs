
namespace AdherenceSync.Checkpoints;

/// <summary>What a checkpoint says about each row: its last state, and whether it was ever started.</summary>
internal sealed class CheckpointView
{
    private readonly Dictionary<string, (CheckpointEntry Last, bool Started)> _rows = new(StringComparer.Ordinal);

    /// <exception cref="CheckpointTargetException">An entry was recorded for another target, and that is not allowed.</exception>
    public static async Task<CheckpointView> LoadAsync(ICheckpointStore? store, string target, bool allowOtherTarget, CancellationToken cancellationToken)
    {
        var view = new CheckpointView();
        if (store is null)
        {
            return view;
        }

        foreach (var entry in await store.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!allowOtherTarget && entry.Target is { } recorded && !string.Equals(recorded, target, StringComparison.Ordinal))
            {
                throw new CheckpointTargetException(recorded, target);
            }

            var started = view._rows.TryGetValue(entry.RowKey, out var known) && known.Started;
            view._rows[entry.RowKey] = (entry, started || entry.State == CheckpointState.Started);
        }

        return view;
    }

    public static string KeyOf(AdherenceRow row) => RowKey.ToHex(RowKey.Compute(row));

    /// <summary>The recorded result of a row that is done (succeeded or rejected), to report instead of sending it.</summary>
    public RowResult? Done(int index, AdherenceRow row)
        => _rows.TryGetValue(KeyOf(row), out var known) && known.Last.State is CheckpointState.Succeeded or CheckpointState.Rejected
            ? new RowResult
            {
                Index = index,
                Row = row,
                Outcome = known.Last.State == CheckpointState.Succeeded ? RowOutcome.Succeeded : RowOutcome.Rejected,
                ExplanationId = known.Last.ExplanationId,
                ExplanationIdMissingReason = known.Last.State == CheckpointState.Succeeded && known.Last.ExplanationId is null
                    ? "an earlier run recorded the row without an explanation id"
                    : null,
                Error = known.Last.Error,
                FromCheckpoint = true,
            }
            : null;

    /// <summary>Whether an earlier run started the row and did not see it through: the platform must be asked first.</summary>
    public bool WasStarted(AdherenceRow row) => _rows.TryGetValue(KeyOf(row), out var known) && known.Started;
}
