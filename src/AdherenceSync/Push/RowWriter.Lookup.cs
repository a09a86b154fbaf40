using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;

namespace AdherenceSync.Push;

/// <content>
/// Looking up the explanations of many rows with as few queries as the platform allows
/// (<see cref="ExplanationLookupGroup"/>): the rows in doubt when a push resumes, and the ids a 200 did not give. Each
/// lookup is a check step carried by the group's first row: its query retried, through the budgets, and a query
/// answered as a job polled to its listing.
/// </content>
internal sealed partial class RowWriter
{
    public async Task<ExplanationLookupResult> LookupAsync(IReadOnlyList<(int Index, AdherenceRow Row)> rows, PushRun run)
    {
        var found = new Dictionary<int, AdherenceExplanation?>();
        var requests = 0;
        foreach (var group in ExplanationLookupGroup.From(rows, _policies.Options.BusinessUnitId))
        {
            if (run.Stop.IsCancellationRequested)
            {
                break;
            }

            var (index, row) = group.Rows[0];
            var carrier = RowAttempt.Carrying(index, row, run, group.Path, group.Query);
            var check = await _checker.CheckAsync(carrier).ConfigureAwait(false);
            requests += carrier.Queries + carrier.Polls;
            var entities = check.Listing?.Entities;
            Log.LookedUp(_observers.Logger, group.Rows.Count, group.Query.AgentIds?.Count ?? 1, entities is null ? "failed" : "answered");
            if (entities is not null)
            {
                foreach (var (i, r) in group.Rows)
                {
                    found[i] = entities.FirstOrDefault(e => RowRequests.Matches(e, r));
                }
            }
        }

        return new(found, requests);
    }
}
