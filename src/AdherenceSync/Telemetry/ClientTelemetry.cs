using System.Diagnostics;
using AdherenceSync.Resilience;

namespace AdherenceSync.Telemetry;

/// <summary>One client's view of the instruments: every measurement tagged with its registration name.</summary>
internal sealed class ClientTelemetry(AdherenceSyncMetrics metrics, string client)
{
    public AdherenceSyncMetrics Metrics => metrics;

    public void RowOutcome(RowOutcome outcome)
        => metrics.Rows.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.OutcomeTag, outcome.ToString() } });

    public void Answer(RequestKind endpoint, int status)
    {
        var tags = new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, Endpoint(endpoint) }, { TelemetryNames.StatusClassTag, $"{status / 100}xx" } };
        metrics.Requests.Add(1, tags);
        if (status == 429)
        {
            metrics.Throttled.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, Endpoint(endpoint) } });
        }
    }

    public void Failure(RequestKind endpoint)
        => metrics.Requests.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, Endpoint(endpoint) }, { TelemetryNames.StatusClassTag, "error" } });

    public void Retry(RequestKind endpoint)
        => metrics.Retries.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, Endpoint(endpoint) } });

    /// <summary>Records a wait: <c>permit</c> (pacing), <c>retry_after</c> (the server's) or <c>backoff</c> (computed).</summary>
    public void Wait(string kind, TimeSpan waited)
        => metrics.PacingWait.Record(waited.TotalSeconds, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.WaitTag, kind } });

    public static string Endpoint(RequestKind kind) => kind switch
    {
        RequestKind.Poll => "poll",
        RequestKind.Query => "query",
        _ => "write",
    };
}
