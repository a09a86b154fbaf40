using AdherenceSync.Batching;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;

namespace AdherenceSync.Genesys;

/// <content>
/// Looking up the explanations of many rows with as few queries as the platform allows
/// (<see cref="ExplanationLookupGroup"/>): the rows in doubt when a push resumes, and the ids a 200 did not give. Each
/// query goes through the row pipeline and budgets, and a query answered as a job is polled to its listing.
/// </content>
internal sealed partial class ExplanationWriter
{
    public async Task<ExplanationLookupResult> LookupAsync(IReadOnlyList<(int Index, AdherenceRow Row)> rows, PushRun run)
    {
        var found = new Dictionary<int, AdherenceExplanation?>();
        var requests = 0;
        foreach (var group in ExplanationLookupGroup.From(rows, services.Options.BusinessUnitId))
        {
            if (run.Stop.IsCancellationRequested)
            {
                break;
            }

            var (index, row) = group.Rows[0];
            var carrier = new RowAttempt
            {
                Index = index,
                Row = row,
                Path = group.Path,
                Body = ReadOnlyMemory<byte>.Empty,
                Run = run,
                Lookup = (group.Path, group.Query),
            };
            var outcome = await ExecuteAsync(carrier, RequestKind.Query, jobId: null).ConfigureAwait(false);
            if (outcome.Result is { Reconciliation: Reconciliation.Pending } pending)
            {
                outcome = await AwaitQueryJobAsync(carrier, pending).ConfigureAwait(false);
            }

            requests += carrier.Queries + carrier.Polls;
            var entities = outcome.Result?.Listing?.Entities;
            Log.LookedUp(services.Logger, group.Rows.Count, group.Query.AgentIds?.Count ?? 1, entities is null ? "failed" : "answered");
            if (entities is not null)
            {
                foreach (var (i, r) in group.Rows)
                {
                    found[i] = entities.FirstOrDefault(e => Matches(e, r));
                }
            }
        }

        return new(found, requests);
    }
}
