using AdherenceSync.Checkpoints;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;

namespace AdherenceSync.Push;

/// <content>
/// The lookups around the queue loops: before them, the rows an earlier run started and did not see through are
/// looked up in bulk (found: Succeeded without a write; not found: written; no answer: each asks on its own before it
/// is written); after them, with <see cref="AdherenceSyncOptions.ResolveExplanationIds"/>, the ids the platform did
/// not give are looked up.
/// </content>
internal sealed partial class PushEngine
{
    private async Task<IReadOnlyDictionary<int, AdherenceExplanation?>> LookUpRowsInDoubtAsync(List<PlannedRow> rows, PushRun run)
    {
        List<(int Index, AdherenceRow Row)> inDoubt = [.. rows.Where(r => r.StartedEarlier).Select(r => (r.Index, r.Row))];
        if (inDoubt.Count == 0)
        {
            return new Dictionary<int, AdherenceExplanation?>();
        }

        var lookup = await writer.LookupAsync(inDoubt, run).ConfigureAwait(false);
        Log.LookupFinished(logger, "Rows in doubt from the checkpoint", inDoubt.Count, lookup.Requests, lookup.Found.Values.Count(e => e is not null));
        return lookup.Found;
    }

    /// <summary>A row in doubt that the bulk lookup settled: found, so it was applied and is not written again.</summary>
    private static RowResult Reconciled(int index, AdherenceRow row, AdherenceExplanation found) => new()
    {
        Index = index,
        Row = row,
        Outcome = RowOutcome.Succeeded,
        ExplanationId = found.Id,
        ExplanationIdMissingReason = found.Id is null ? "the platform listed the explanation without an id" : null,
    };

    private async Task<PushReport> ResolveExplanationIdsAsync(PushReport report, PushRun run)
    {
        List<(int Index, AdherenceRow Row)> missing = [.. report.Rows.Where(r => r is { Outcome: RowOutcome.Succeeded, ExplanationId: null }).Select(r => (r.Index, r.Row))];
        if (!clientOptions.ResolveExplanationIds || missing.Count == 0 || run.Stop.IsCancellationRequested)
        {
            return report;
        }

        var lookup = await writer.LookupAsync(missing, run).ConfigureAwait(false);
        Log.LookupFinished(logger, "Explanation ids the platform did not give", missing.Count, lookup.Requests, lookup.Found.Values.Count(e => e?.Id is not null));
        var rows = new List<RowResult>(report.Rows.Count);
        foreach (var row in report.Rows)
        {
            if (!lookup.Found.TryGetValue(row.Index, out var found) || row.ExplanationId is not null)
            {
                rows.Add(row);
                continue;
            }

            rows.Add(row.WithExplanationId(found?.Id, found?.Id is null ? $"{row.ExplanationIdMissingReason}; a lookup after the push did not find it" : null));
            if (found?.Id is not null && run.Checkpoint is { } store)
            {
                await store.RecordAsync(new CheckpointEntry(CheckpointView.KeyOf(row.Row), CheckpointState.Succeeded, found.Id) { Target = checkpointTarget }, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return new PushReport(rows, report.Duration, report.Cancelled, report.HaltReason);
    }
}
