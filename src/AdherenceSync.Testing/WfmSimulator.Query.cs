using System.Globalization;
using System.Text.Json.Nodes;
using AdherenceSync.Testing.Handlers;

namespace AdherenceSync.Testing;

/// <content>
/// The explanation queries, as the platform answers them: one agent's
/// (<c>POST .../agents/{agentId}/adherence/explanations/query</c>) or many agents' of a business unit
/// (<c>POST .../businessunits/{businessUnitId}/adherence/explanations/query</c> with <c>agentIds</c>), both with
/// <c>{ startDate, endDate }</c>. The listing comes inline, behind a download link, or as a job
/// (<c>QueryAgentExplanations</c> / <c>QueryBuExplanations</c>) whose <c>downloadUrl</c> serves it once it is
/// <c>Complete</c>: always with <c>forceAsync=true</c>, and for <see cref="WfmSimulatorOptions.QueryJobShare"/> of the others.
/// </content>
public sealed partial class WfmSimulator
{
    private readonly Dictionary<string, JsonObject> _downloads = new(StringComparer.Ordinal);
    private int _queryCount;

    /// <summary>
    /// Gets how many explanation queries (one agent's or a business unit's) the simulator answered.
    /// </summary>
    public int QueryCount => Volatile.Read(ref _queryCount);

    private SimulatorAnswer Query(SimulatorCall call, string agentId)
        => Query(call, agentId, businessUnit: null);

    private SimulatorAnswer QueryBusinessUnit(SimulatorCall call, string businessUnit)
        => Query(call, agentId: null, businessUnit);

    private SimulatorAnswer Query(SimulatorCall call, string? agentId, string? businessUnit)
    {
        var queue = agentId is not null && Options.AgentQueues.TryGetValue(agentId, out var q) ? q : null;
        if (Authenticate(call, out var identity) is { } refused)
        {
            return refused with { AgentId = agentId };
        }

        if (Throttle(call, identity!, null) is { } throttled)
        {
            return WithRateLimitHeaders(throttled with { AgentId = agentId, QueueId = queue }, identity!);
        }

        if (Options.Faults.Random is { IncludeQueries: true } random && PickRandomFault(random, call) is { StatusCode: not null } fault)
        {
            return FaultAnswer(call, fault, identity!) with { AgentId = agentId, QueueId = queue, Org = identity!.Org };
        }

        if (businessUnit is not null && businessUnit != Options.BusinessUnitId)
        {
            return new(SimulatorResponses.Error(404, "not.found", $"Business unit {businessUnit} was not found."), 404, null, null, identity!.Org);
        }

        var body = SimulatorResponses.ParseBody(call.Request.Body) as JsonObject;
        if (!TryDate(body?["startDate"], out var from) || !TryDate(body?["endDate"], out var to))
        {
            return new(SimulatorResponses.Error(400, "bad.request", "startDate and endDate are required ISO-8601 date-times."), 400, agentId, queue, identity!.Org);
        }

        HashSet<string>? agents = agentId is not null ? [agentId] : body?["agentIds"] is JsonArray ids ? [.. ids.Select(i => i?.GetValue<string>() ?? string.Empty)] : null;
        var number = Interlocked.Increment(ref _queryCount);
        var org = identity!.Org;
        JsonObject Listing() => new()
        {
            ["entities"] = new JsonArray([.. Writes
                .Where(w => (agents is null || agents.Contains(w.AgentId)) && w.Org == org)
                .Where(w => TryDate(JsonValue.Create(w.StartDate), out var start) && start >= from && start <= to)
                .Select(w => (JsonNode)ExplanationJson(w))]),
        };

        JsonObject answer;
        if (ForceAsync(call) || AnswersAsJob(number))
        {
            answer = new JsonObject { ["job"] = StartQueryJob(identity, businessUnit is null ? SimulatorJobTypes.QueryAgentExplanations : SimulatorJobTypes.QueryBuExplanations, Listing) };
        }
        else if (Options.QueryAnswersWithDownload)
        {
            answer = new JsonObject
            {
                ["job"] = new JsonObject
                {
                    ["id"] = $"query-{Guid.NewGuid():N}",
                    ["type"] = businessUnit is null ? SimulatorJobTypes.QueryAgentExplanations : SimulatorJobTypes.QueryBuExplanations,
                    ["status"] = "Complete",
                },
                ["downloadUrl"] = StoreDownload(Listing()),
            };
        }
        else
        {
            answer = new JsonObject { ["result"] = Listing() };
        }

        return WithRateLimitHeaders(new SimulatorAnswer(SimulatorResponses.Json(200, answer), 200, agentId, queue, org), identity);
    }

    /// <summary>Spreads <see cref="WfmSimulatorOptions.QueryJobShare"/> evenly: the n-th query is a job when n × share crosses a whole number.</summary>
    private bool AnswersAsJob(int number)
        => Options.QueryJobShare > 0 && Math.Floor(number * Options.QueryJobShare) > Math.Floor((number - 1) * Options.QueryJobShare);

    private static bool ForceAsync(SimulatorCall call)
        => call.Request.Query is { } query && query.TryGetValue("forceAsync", out var values) && values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>A query job: <c>Processing</c>, then after <see cref="WfmSimulatorOptions.QueryJobLatency"/> <c>Complete</c> with the listing of that moment.</summary>
    private JsonObject StartQueryJob(SimulatorIdentity identity, string type, Func<JsonObject> listing)
    {
        var job = new SimulatedJob($"job-{Interlocked.Increment(ref _jobCount):D6}", identity.Budget, type);
        lock (_lock)
        {
            _jobs[job.Id] = job;
        }

        _ = CompleteQueryJobAsync(job, listing);
        return JobJson(job);
    }

    private async Task CompleteQueryJobAsync(SimulatedJob job, Func<JsonObject> listing)
    {
        await DelayAsync(Options.QueryJobLatency).ConfigureAwait(false);
        var url = StoreDownload(listing());
        lock (_lock)
        {
            job.DownloadUrl = url;
            job.Status = "Complete";
        }
    }

    private string StoreDownload(JsonObject listing)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _downloads[id] = listing;
        }

        return new Uri(Options.DownloadBaseAddress ?? BaseAddress, $"downloads/{id}").ToString();
    }

    private SimulatorAnswer Download(string id)
    {
        lock (_lock)
        {
            return _downloads.TryGetValue(id, out var listing)
                ? new(SimulatorResponses.Json(200, listing.DeepClone()), 200)
                : new(SimulatorResponses.Error(404, "not.found", $"Download {id} was not found."), 404);
        }
    }



    private static bool TryDate(JsonNode? node, out DateTimeOffset value)
    {
        value = default;
        return node?.GetValueKind() == System.Text.Json.JsonValueKind.String
               && DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
