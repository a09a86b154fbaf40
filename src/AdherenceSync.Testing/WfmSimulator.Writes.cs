using System.Globalization;
using System.Text.Json.Nodes;
using AdherenceSync.Testing.Handlers;
using AdherenceSync.Testing.Relay;
using WireMock.Types;

namespace AdherenceSync.Testing;

/// <content>The explanation write: authenticate, throttle, inject faults, validate, apply (now or as a job), answer.</content>
public sealed partial class WfmSimulator
{
    private int _writeRequestCount;
    private int _explanationCount;

    private async Task<SimulatorAnswer> WriteExplanationAsync(SimulatorCall call, string agentId)
    {
        var queue = Options.AgentQueues.TryGetValue(agentId, out var q) ? q : null;
        if (Authenticate(call, out var identity) is { } refused)
        {
            return refused with { AgentId = agentId, QueueId = queue };
        }

        var answer = await WriteAsync(call, identity!, agentId, queue).ConfigureAwait(false);
        return WithRateLimitHeaders(answer with { AgentId = agentId, QueueId = queue, Org = identity!.Org }, identity);
    }

    private async Task<SimulatorAnswer> WriteAsync(SimulatorCall call, SimulatorIdentity identity, string agentId, string? queue)
    {
        EnterQueue(queue, call.Number);
        var stillInQueue = true;
        try
        {
            var writeNumber = Interlocked.Increment(ref _writeRequestCount);
            if (Throttle(call, identity, queue) is { } throttled)
            {
                return throttled;
            }

            var fault = PickFault(call, writeNumber, agentId);
            if (fault is { ApplyWrite: false, StatusCode: not null } or { ApplyWrite: false, DropConnection: true })
            {
                return FaultAnswer(call, fault, identity);
            }

            var body = SimulatorResponses.ParseBody(call.Request.Body) as JsonObject;
            if (Invalid(body) is { } problem)
            {
                return new(SimulatorResponses.Error(400, "bad.request", problem), 400);
            }

            if (Options.JobLatency is { } latency && WritesAsJob(Interlocked.Increment(ref _writeCount)))
            {
                stillInQueue = false;
                return StartJob(call, identity, agentId, queue, body!, latency, fault);
            }

            if (Options.WriteLatency > TimeSpan.Zero)
            {
                await DelayAsync(Options.WriteLatency).ConfigureAwait(false);
            }

            var explanation = Apply(call.Number, agentId, queue, body!, identity.Org);
            LeaveQueue(queue, call.Number);
            stillInQueue = false;

            if (fault is not null)
            {
                if (fault.Stall > TimeSpan.Zero)
                {
                    await DelayAsync(fault.Stall).ConfigureAwait(false);
                }

                if (fault.DropConnection || fault.StatusCode is not null || fault.RawBody is not null)
                {
                    return FaultAnswer(call, fault, identity);
                }
            }

            // As the platform answers (AdherenceExplanationAsyncResponse): the job reference only, no explanation inline.
            // A 200's job is not kept: polling it later is a 404, as on the platform.
            var jobId = $"job-{Guid.NewGuid():N}";
            var ok = SimulatorResponses.Json(200, new JsonObject
            {
                ["job"] = new JsonObject { ["id"] = jobId, ["type"] = SimulatorJobTypes.AddExplanation, ["status"] = "Complete", ["selfUri"] = JobSelfUri(jobId) },
            });
            if (fault is { TricklePerByte: var trickle } && trickle > TimeSpan.Zero)
            {
                ok.Headers![RelayMarkers.Trickle] = new WireMockList<string>(((int)trickle.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            }

            return new(ok, 200);
        }
        finally
        {
            if (stillInQueue)
            {
                LeaveQueue(queue, call.Number);
            }
        }
    }

    private SimulatedFault? PickFault(SimulatorCall call, int writeNumber, string agentId)
    {
        if (Options.Faults.AtRequest.TryGetValue(writeNumber, out var atRequest))
        {
            return atRequest;
        }

        if (Options.Faults.ForAgent.TryGetValue(agentId, out var forAgent))
        {
            return forAgent;
        }

        return Options.Faults.Random is { } random ? PickRandomFault(random, call) : null;
    }

    /// <summary>
    /// Rolls for a fault from the seed, the request's method, path and body, and how many times that same request came
    /// before: the n-th try of a given write meets the same fault whatever order concurrent requests arrive in.
    /// </summary>
    private SimulatedFault? PickRandomFault(RandomFaults random, SimulatorCall call)
    {
        var identity = $"{call.Method} {call.Path} {call.Request.Body}";
        int repeat;
        lock (_lock)
        {
            repeat = _randomRepeats.TryGetValue(identity, out var seen) ? seen + 1 : 0;
            _randomRepeats[identity] = repeat;
        }

        Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{random.Seed}|{repeat}|{identity}")), hash);
        var roll = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash) / (double)ulong.MaxValue;
        var retryAfter = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(hash[8..]) % (uint)((int)random.MaxRetryAfter.TotalSeconds + 1));

        var edge = random.ThrottleRate;
        if (roll < edge)
        {
            return SimulatedFault.Throttle(retryAfter.ToString(CultureInfo.InvariantCulture));
        }

        if (roll < (edge += random.ServiceUnavailableRate))
        {
            return SimulatedFault.Status(503, "service.unavailable", "Simulated outage.");
        }

        if (roll < (edge += random.DropAfterWriteRate))
        {
            return SimulatedFault.Drop();
        }

        return roll < edge + random.StallAfterWriteRate ? SimulatedFault.Delay(random.Stall) : null;
    }

    private SimulatorAnswer FaultAnswer(SimulatorCall call, SimulatedFault fault, SimulatorIdentity identity)
    {
        if (fault.DropConnection)
        {
            var drop = SimulatorResponses.Json(200, null);
            drop.Headers![RelayMarkers.Drop] = new WireMockList<string>("1");
            return new(drop, 0);
        }

        var status = fault.StatusCode ?? 200;
        if (status == 429)
        {
            Interlocked.Increment(ref _faultThrottles);
        }

        if (fault.RawBody is not null)
        {
            return new(SimulatorResponses.Raw(status, fault.RawBody), status);
        }

        var headers = fault.RetryAfter is null ? null : new[] { new KeyValuePair<string, string>("Retry-After", fault.RetryAfter) };
        if (status == 429 && double.TryParse(fault.RetryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            lock (_lock)
            {
                _windows.Add(new ThrottleWindow(call.Number, identity.Budget, null, call.ArrivedAt, call.ArrivedAt.AddSeconds(seconds)));
            }
        }

        var message = fault.Message ?? $"Simulated HTTP {status}.";
        if (fault.EchoesAuthorization)
        {
            var authorization = call.Request.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
            message = message.Replace("{authorization}", authorization ?? "(none)", StringComparison.Ordinal);
        }

        var body = SimulatorResponses.ErrorBody(status, fault.Code ?? $"status.{status}", message);
        if (fault.LimitKey is { } key)
        {
            body["limit"] = new JsonObject { ["key"] = key, ["namespace"] = "platform.api" };
        }

        return new(SimulatorResponses.Json(status, body, headers), status);
    }

    private static readonly HashSet<string> AdminStatuses = new(StringComparer.Ordinal) { "Pending", "Approved", "Denied" };

    private static string? Invalid(JsonObject? body)
    {
        if (body is null)
        {
            return "The request body is not a JSON object.";
        }

        if (body["type"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return "type is required.";
        }

        if (body["startDate"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || !DateTimeOffset.TryParse(body["startDate"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return "startDate is required and must be an ISO-8601 date-time.";
        }

        if (body["status"] is { } status
            && (status.GetValueKind() != System.Text.Json.JsonValueKind.String || !AdminStatuses.Contains(status.GetValue<string>())))
        {
            return "status must be Pending, Approved or Denied.";
        }

        return body["lengthMinutes"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number && body["lengthMinutes"]!.GetValue<int>() > 0
            ? null
            : "lengthMinutes is required and must be greater than 0.";
    }

    private AppliedWrite Apply(int requestNumber, string agentId, string? queue, JsonObject body, string? org)
    {
        var write = new AppliedWrite(
            $"expl-{Interlocked.Increment(ref _explanationCount):D6}",
            requestNumber,
            Now,
            agentId,
            queue,
            body["type"]!.GetValue<string>(),
            body["startDate"]!.GetValue<string>(),
            body["lengthMinutes"]!.GetValue<int>(),
            body["notes"]?.GetValue<string>(),
            org)
        {
            Status = body["status"]?.GetValue<string>() ?? "Pending",
        };
        lock (_lock)
        {
            _writes.Add(write);
        }

        return write;
    }

    private JsonObject ExplanationJson(AppliedWrite write) => new()
    {
        ["id"] = write.ExplanationId,
        ["agent"] = new JsonObject { ["id"] = write.AgentId },
        ["managementUnit"] = new JsonObject { ["id"] = "mu-simulated" },
        ["businessUnit"] = new JsonObject { ["id"] = Options.BusinessUnitId },
        ["type"] = write.Type,
        ["status"] = write.Status,
        ["startDate"] = write.StartDate,
        ["lengthMinutes"] = write.LengthMinutes,
        ["notes"] = write.Notes,
    };
}
