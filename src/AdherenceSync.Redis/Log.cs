using Microsoft.Extensions.Logging;

namespace AdherenceSync.Redis;

/// <summary>The Redis package's log events, in category <c>AdherenceSync.Redis</c>.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "Registration '{Client}': the shared budget in Redis is unavailable ({Reason}); pacing locally at {RequestsPerMinute:F1} requests a minute (the budget divided by {ExpectedInstances} expected instances) until Redis answers again.")]
    public static partial void FellBack(ILogger logger, string client, string reason, double requestsPerMinute, int expectedInstances);

    [LoggerMessage(106, LogLevel.Warning, "Registration '{Client}': Redis is unavailable ({Reason}); pauses are not shared, and each instance paces by what the server tells it until Redis answers again.")]
    public static partial void FellBackUnconfigured(ILogger logger, string client, string reason);

    [LoggerMessage(102, LogLevel.Error, "Registration '{Client}': the shared budget in Redis is unavailable ({Reason}); the push stops, as FallbackMode is Stop.")]
    public static partial void Stopping(ILogger logger, string client, string reason);

    [LoggerMessage(103, LogLevel.Information, "Registration '{Client}': Redis answers again; pacing by the shared budget.")]
    public static partial void Restored(ILogger logger, string client);

    [LoggerMessage(104, LogLevel.Information, "Registration '{Client}': another instance was throttled; pausing {Scope} until {Until:O}.")]
    public static partial void PauseReceived(ILogger logger, string client, string scope, DateTimeOffset until);

    [LoggerMessage(107, LogLevel.Debug, "Registration '{Client}': another instance learned a queue's hidden limit, {Allowed:F0} requests in {Length}; new queues start from it.")]
    public static partial void QueuePriorReceived(ILogger logger, string client, double allowed, TimeSpan length);

    [LoggerMessage(105, LogLevel.Debug, "Registration '{Client}': could not publish a pause through Redis ({Reason}).")]
    public static partial void PublishFailed(ILogger logger, string client, string reason);
}
