using System.Text.Json.Nodes;
using AdherenceSync.Testing.Handlers;

namespace AdherenceSync.Testing;

/// <content>
/// Writes as jobs (<see cref="WfmSimulatorOptions.JobLatency"/>): answered 202, applied (or ended in Error) after the
/// latency, readable by the identity that started them. A queue counts as busy until its job ends.
/// </content>
public sealed partial class WfmSimulator
{
    private readonly Dictionary<string, SimulatedJob> _jobs = new(StringComparer.Ordinal);
    private int _jobCount;
    private int _writeCount;

    /// <summary>Spreads <see cref="WfmSimulatorOptions.JobShare"/> evenly: the n-th write is a job when n × share crosses a whole number.</summary>
    private bool WritesAsJob(int number)
        => Options.JobShare >= 1 || Math.Floor(number * Options.JobShare) > Math.Floor((number - 1) * Options.JobShare);

    private SimulatorAnswer StartJob(SimulatorCall call, SimulatorIdentity identity, string agentId, string? queue, JsonObject body, TimeSpan latency, SimulatedFault? fault)
    {
        var job = new SimulatedJob($"job-{Interlocked.Increment(ref _jobCount):D6}", identity.Budget, SimulatorJobTypes.AddExplanation);
        lock (_lock)
        {
            _jobs[job.Id] = job;
        }

        if (fault is { JobNeverCompletes: true })
        {
            // Lost inside the platform: it never ends, and it does not hold the queue for ever.
            LeaveQueue(queue, call.Number);
        }
        else
        {
            _ = FinishJobAsync(job, call.Number, agentId, queue, body, latency, fault?.JobError, identity.Org);
        }

        return new(SimulatorResponses.Json(202, new JsonObject { ["job"] = JobJson(job) }), 202);
    }

    private async Task FinishJobAsync(SimulatedJob job, int requestNumber, string agentId, string? queue, JsonObject body, TimeSpan latency, string? error, string? org)
    {
        await DelayAsync(latency).ConfigureAwait(false);
        var explanation = error is null ? Apply(requestNumber, agentId, queue, body, org) : null;
        lock (_lock)
        {
            job.Explanation = explanation;
            job.Error = error;
            job.Status = error is null ? "Complete" : "Error";
        }

        LeaveQueue(queue, requestNumber);
    }

    private SimulatorAnswer ReadJob(SimulatorCall call, string jobId)
    {
        if (Authenticate(call, out var identity) is { } refused)
        {
            return refused;
        }

        if (Throttle(call, identity!, null) is { } throttled)
        {
            return WithRateLimitHeaders(throttled, identity!);
        }

        JsonObject? json = null;
        lock (_lock)
        {
            if (_jobs.TryGetValue(jobId, out var job) && job.Budget == identity!.Budget)
            {
                json = JobJson(job);
            }
        }

        var answer = json is null
            ? new SimulatorAnswer(SimulatorResponses.Error(404, "not.found", $"Job {jobId} was not found."), 404)
            : new SimulatorAnswer(SimulatorResponses.Json(200, json), 200);
        return WithRateLimitHeaders(answer with { Org = identity!.Org }, identity);
    }

    private JsonObject JobJson(SimulatedJob job)
    {
        lock (_lock)
        {
            var json = new JsonObject
            {
                ["id"] = job.Id,
                ["type"] = job.Type,
                ["status"] = job.Status,
                ["selfUri"] = JobSelfUri(job.Id),
            };
            if (job.DownloadUrl is { } download)
            {
                json["downloadUrl"] = download;
            }

            if (job.Explanation is { } explanation)
            {
                json["adherenceExplanation"] = ExplanationJson(explanation);
            }

            if (job.Error is { } error)
            {
                json["error"] = SimulatorResponses.ErrorBody(400, "job.failed", error);
            }

            return json;
        }
    }

    private static string JobSelfUri(string jobId) => $"/api/v2/workforcemanagement/adherence/explanations/jobs/{jobId}";

    private sealed class SimulatedJob(string id, string budget, string type)
    {
        public string Id { get; } = id;

        public string Budget { get; } = budget;

        public string Type { get; } = type;

        public string? DownloadUrl { get; set; }

        public string Status { get; set; } = "Processing";

        public AppliedWrite? Explanation { get; set; }

        public string? Error { get; set; }
    }
}
