using System.Globalization;
using System.Text.Json.Nodes;
using AdherenceSync.Testing.Handlers;

namespace AdherenceSync.Testing;

/// <content>
/// The explanation query (<c>POST .../agents/{agentId}/adherence/explanations/query</c> with <c>{ startDate, endDate }</c>):
/// the agent's stored explanations that start in the window, inline or behind a download link.
/// </content>
public sealed partial class WfmSimulator
{
    private readonly Dictionary<string, JsonObject> _downloads = new(StringComparer.Ordinal);
    private int _queryCount;

    /// <summary>
    /// Gets how many explanation queries the simulator answered.
    /// </summary>
    public int QueryCount => Volatile.Read(ref _queryCount);

    private SimulatorAnswer Query(SimulatorCall call, string agentId)
    {
        var queue = Options.AgentQueues.TryGetValue(agentId, out var q) ? q : null;
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

        var body = SimulatorResponses.ParseBody(call.Request.Body) as JsonObject;
        if (!TryDate(body?["startDate"], out var from) || !TryDate(body?["endDate"], out var to))
        {
            return new(SimulatorResponses.Error(400, "bad.request", "startDate and endDate are required ISO-8601 date-times."), 400, agentId, queue, identity!.Org);
        }

        Interlocked.Increment(ref _queryCount);
        var listing = new JsonObject
        {
            ["entities"] = new JsonArray([.. Writes
                .Where(w => w.AgentId == agentId && w.Org == identity!.Org)
                .Where(w => TryDate(JsonValue.Create(w.StartDate), out var start) && start >= from && start <= to)
                .Select(w => (JsonNode)ExplanationJson(w))]),
        };

        JsonObject answer;
        if (Options.QueryAnswersWithDownload)
        {
            var id = Guid.NewGuid().ToString("N");
            lock (_gate)
            {
                _downloads[id] = listing;
            }

            var downloadBase = Options.DownloadBaseAddress ?? BaseAddress;
            answer = new JsonObject
            {
                ["job"] = new JsonObject { ["id"] = $"query-{id}", ["status"] = "Complete" },
                ["downloadUrl"] = new Uri(downloadBase, $"downloads/{id}").ToString(),
            };
        }
        else
        {
            answer = new JsonObject { ["result"] = listing };
        }

        return WithRateLimitHeaders(new SimulatorAnswer(SimulatorResponses.Json(200, answer), 200, agentId, queue, identity!.Org), identity);
    }

    private SimulatorAnswer Download(string id)
    {
        lock (_gate)
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
