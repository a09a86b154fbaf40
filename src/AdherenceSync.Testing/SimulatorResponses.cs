using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace AdherenceSync.Testing;

/// <summary>Builds the simulator's answers in the platform's shapes.</summary>
internal static class SimulatorResponses
{
    public static ResponseMessage Json(int status, JsonNode? body, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };

        if (body is not null)
        {
            message.Headers["Content-Type"] = new WireMockList<string>("application/json; charset=utf-8");
            message.BodyData = new BodyData
            {
                BodyAsString = body.ToJsonString(),
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            };
        }

        foreach (var (name, value) in headers ?? [])
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        return message;
    }

    public static ResponseMessage Raw(int status, string body, string contentType = "application/json")
    {
        var message = Json(status, null);
        message.Headers!["Content-Type"] = new WireMockList<string>(contentType);
        message.BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 };
        return message;
    }

    /// <summary>The platform's error body: <c>{ message, code, status, contextId, details, errors }</c>.</summary>
    public static JsonObject ErrorBody(int status, string code, string message) => new()
    {
        ["message"] = message,
        ["code"] = code,
        ["status"] = status,
        ["contextId"] = Guid.NewGuid().ToString(),
        ["details"] = new JsonArray(),
        ["errors"] = new JsonArray(),
    };

    public static ResponseMessage Error(int status, string code, string message, IEnumerable<KeyValuePair<string, string>>? headers = null)
        => Json(status, ErrorBody(status, code, message), headers);

    /// <summary>The limit a token's own budget is named by, as Genesys Cloud names it.</summary>
    public const string TokenLimitKey = "client.credentials.token.rate.per.minute";

    /// <summary>The simulator's name for a queue's hidden limit.</summary>
    public const string QueueLimitKey = "adherence.explanations.queue.rate.per.minute";

    public static ResponseMessage Throttled(TimeSpan wait, bool queueLimit, int perMinute)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        var body = ErrorBody(429, "too.many.requests.retry.after", $"Rate limit exceeded the maximum. Retry the request in [{seconds}] seconds");
        body["limit"] = queueLimit
            ? new JsonObject { ["key"] = QueueLimitKey, ["namespace"] = "workforcemanagement", ["value"] = perMinute }
            : new JsonObject { ["key"] = TokenLimitKey, ["namespace"] = "platform.api", ["value"] = perMinute };

        return Json(429, body, [new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))]);
    }

    public static JsonNode? ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
