using System.Text.RegularExpressions;
using AdherenceSync.Testing.Handlers;
using WireMock;

namespace AdherenceSync.Testing;

/// <content>Dispatches every request that no stub of the user's own matched.</content>
public sealed partial class WfmSimulator
{
    private int _requestCount;

    /// <summary>Gets how many requests the simulator has begun to handle, answered or not.</summary>
    public int ReceivedCount => Volatile.Read(ref _requestCount);

    [GeneratedRegex("^/api/v2/workforcemanagement/agents/(?<agent>[^/]+)/adherence/explanations$")]
    private static partial Regex ExplanationsPath();

    [GeneratedRegex("^/api/v2/workforcemanagement/adherence/explanations/jobs/(?<job>[^/]+)$")]
    private static partial Regex JobPath();

    [GeneratedRegex("^/api/v2/workforcemanagement/agents/(?<agent>[^/]+)/adherence/explanations/query$")]
    private static partial Regex QueryPath();

    [GeneratedRegex("^/api/v2/workforcemanagement/businessunits/(?<bu>[^/]+)/adherence/explanations/query$")]
    private static partial Regex BusinessUnitQueryPath();

    [GeneratedRegex("^/downloads/(?<id>[^/]+)$")]
    private static partial Regex DownloadPath();

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var call = new SimulatorCall(
            Interlocked.Increment(ref _requestCount),
            Now,
            request.Method,
            request.AbsolutePath,
            SimulatorCall.BearerToken(request),
            request);

        var answer = await RouteAsync(call).ConfigureAwait(false);
        Record(new SimulatorRequest(call.Number, call.ArrivedAt, call.Method, call.Path, call.Token, answer.AgentId, answer.QueueId, answer.StatusCode, answer.Org)
        {
            UserAgent = Header(request, "User-Agent"),
            Accept = Header(request, "Accept"),
        });
        return answer.Message;
    }

    private static string? Header(IRequestMessage request, string name)
        => request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Count: > 0 } values
            ? string.Join(", ", values)
            : null;

    private async Task<SimulatorAnswer> RouteAsync(SimulatorCall call)
    {
        if (call.Method == "POST" && call.Path == "/oauth/token")
        {
            return IssueToken(call);
        }

        if (call.Method == "POST" && ExplanationsPath().Match(call.Path) is { Success: true } write)
        {
            return await WriteExplanationAsync(call, Uri.UnescapeDataString(write.Groups["agent"].Value)).ConfigureAwait(false);
        }

        if (call.Method == "POST" && QueryPath().Match(call.Path) is { Success: true } query)
        {
            return Query(call, Uri.UnescapeDataString(query.Groups["agent"].Value));
        }

        if (call.Method == "POST" && BusinessUnitQueryPath().Match(call.Path) is { Success: true } buQuery)
        {
            return QueryBusinessUnit(call, Uri.UnescapeDataString(buQuery.Groups["bu"].Value));
        }

        if (call.Method == "GET" && DownloadPath().Match(call.Path) is { Success: true } download)
        {
            return Download(download.Groups["id"].Value);
        }

        if (call.Method == "GET" && JobPath().Match(call.Path) is { Success: true } job)
        {
            return ReadJob(call, Uri.UnescapeDataString(job.Groups["job"].Value));
        }

        return new(SimulatorResponses.Error(404, "not.found", $"No simulated resource at {call.Method} {call.Path}."), 404);
    }
}
