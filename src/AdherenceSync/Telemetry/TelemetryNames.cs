namespace AdherenceSync.Telemetry;

/// <summary>The names of the library's meter, activity source, instruments, spans and tags.</summary>
internal static class TelemetryNames
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and of the <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string Source = "AdherenceSync";

    public const string Rows = "adherencesync.rows";
    public const string Requests = "adherencesync.requests";
    public const string Throttled = "adherencesync.throttled";
    public const string ThrottledUnexplained = "adherencesync.throttled.unexplained";
    public const string PacingWait = "adherencesync.pacing.wait";
    public const string Retries = "adherencesync.retries";
    public const string Rate = "adherencesync.rate";

    public const string PushSpan = "adherencesync.push";
    public const string BatchSpan = "adherencesync.batch";
    public const string RequestSpan = "adherencesync.request";

    public const string ClientTag = "adherencesync.client";
    public const string OutcomeTag = "adherencesync.outcome";
    public const string EndpointTag = "adherencesync.endpoint";
    public const string StatusClassTag = "http.response.status_class";
    public const string StatusCodeTag = "http.response.status_code";
    public const string WaitTag = "adherencesync.wait";
    public const string PartitionTag = "adherencesync.partition";
    public const string QueueTag = "adherencesync.queue";
    public const string RowTag = "adherencesync.row";
    public const string AttemptTag = "adherencesync.attempt";
    public const string BatchTag = "adherencesync.batch";
    public const string RowCountTag = "adherencesync.rows";
    public const string QueueCountTag = "adherencesync.queues";
    public const string BatchCountTag = "adherencesync.batches";
    public const string SucceededCountTag = "adherencesync.rows.succeeded";
    public const string RejectedCountTag = "adherencesync.rows.rejected";
    public const string FailedCountTag = "adherencesync.rows.failed";
    public const string NotAttemptedCountTag = "adherencesync.rows.not_attempted";
    public const string ErrorTypeTag = "error.type";

    /// <summary>How logs and messages name a registration: the default one (no name) is <c>default</c>.</summary>
    public static string Registration(string name) => name.Length == 0 ? "default" : name;
}
