using System.Diagnostics;

namespace AdherenceSync.Telemetry;

/// <summary>One client's view of the instruments: every measurement tagged with its registration name.</summary>
internal sealed class ClientTelemetry(AdherenceSyncMetrics metrics, string client)
{
    public AdherenceSyncMetrics Metrics => metrics;

    /// <summary>Counts a row's outcome, by its name.</summary>
    public void RowOutcome(string outcome)
        => metrics.Rows.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.OutcomeTag, outcome } });

    public void Answer(string endpoint, int status)
    {
        var tags = new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, endpoint }, { TelemetryNames.StatusClassTag, $"{status / 100}xx" } };
        metrics.Requests.Add(1, tags);
        if (status == 429)
        {
            metrics.Throttled.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, endpoint } });
        }
    }

    /// <summary>Counts a 429 that no known budget explains, which pacing honoured but learned nothing from.</summary>
    public void Unexplained(string endpoint)
        => metrics.ThrottledUnexplained.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, endpoint } });

    public void Failure(string endpoint)
        => metrics.Requests.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, endpoint }, { TelemetryNames.StatusClassTag, "error" } });

    public void Retry(string endpoint)
        => metrics.Retries.Add(1, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.EndpointTag, endpoint } });

    /// <summary>Records a wait: <c>permit</c> (pacing), <c>retry_after</c> (the server's) or <c>backoff</c> (computed).</summary>
    public void Wait(string kind, TimeSpan waited)
        => metrics.PacingWait.Record(waited.TotalSeconds, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.WaitTag, kind } });
}
