using Microsoft.Extensions.Logging;

namespace AdherenceSync.Telemetry;

/// <summary>
/// Every log message of the library. Rows are named by index and queue, never by agent, and no message carries a
/// token, a secret or a request body.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Push on registration '{Client}' starting: {Rows} rows in {Queues} queues, {Batches} batches, up to {MaxParallelQueues} queues at once.")]
    public static partial void PushStarting(ILogger logger, string client, int rows, int queues, int batches, int maxParallelQueues);

    [LoggerMessage(2, LogLevel.Information, "Push on registration '{Client}' finished: {Total} rows, {Succeeded} succeeded, {Rejected} rejected, {Failed} failed, {NotAttempted} not attempted, in {Duration}.")]
    public static partial void PushCompleted(ILogger logger, string client, int total, int succeeded, int rejected, int failed, int notAttempted, TimeSpan duration);

    [LoggerMessage(3, LogLevel.Debug, "Queue '{Queue}': batch {Batch} of {Batches}, {Rows} rows.")]
    public static partial void BatchStarting(ILogger logger, string queue, int batch, int batches, int rows);

    [LoggerMessage(4, LogLevel.Warning, "Row {Index} (queue '{Queue}') was throttled (Retry-After {RetryAfter}); the {Budget} budget pauses for {Pause}, as {Evidence}. Server said: {ServerError}")]
    public static partial void Throttled(ILogger logger, int index, string queue, string retryAfter, string budget, TimeSpan pause, string evidence, string serverError);

    [LoggerMessage(5, LogLevel.Information, "Row {Index} (queue '{Queue}'): attempt {Attempt} failed with {Reason}; retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, int index, string queue, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Row {Index} (queue '{Queue}') was rejected with HTTP {Status}: {Reason}")]
    public static partial void RowRejected(ILogger logger, int index, string queue, int? status, string? reason);

    [LoggerMessage(7, LogLevel.Error, "Row {Index} (queue '{Queue}') failed after {Attempts} attempt(s): {Error}")]
    public static partial void RowFailed(ILogger logger, int index, string queue, int attempts, string? error);

    [LoggerMessage(18, LogLevel.Error, "Row {Index} (queue '{Queue}') may have been applied and could not be confirmed after {Attempts} attempt(s): {Error}. Resume with the checkpoint to look it up; do not resend it blindly.")]
    public static partial void RowUnknown(ILogger logger, int index, string queue, int attempts, string? error);

    [LoggerMessage(8, LogLevel.Warning, "The progress handler threw; the push goes on and every row keeps its outcome.")]
    public static partial void ProgressHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Signed in as OAuth client '{ClientId}'; the token lasts {Lifetime}.")]
    public static partial void TokenFetched(ILogger logger, string clientId, TimeSpan lifetime);

    [LoggerMessage(10, LogLevel.Information, "{Method} {Path} was answered 401; sending it once more with a fresh token.")]
    public static partial void TokenRefreshedAfter401(ILogger logger, string method, string path);

    [LoggerMessage(11, LogLevel.Error, "The push halted: {Reason}")]
    public static partial void Halted(ILogger logger, string reason);

    [LoggerMessage(19, LogLevel.Information, "{Polls} request(s) polled the jobs of writes answered 202; with BusinessUnitId set, about {Saved} of them would have been spared (one business-unit query confirms the waiting jobs of every queue at once).")]
    public static partial void BusinessUnitWouldSave(ILogger logger, int polls, int saved);

    [LoggerMessage(12, LogLevel.Debug, "Row {Index}: job {JobId} is {Status}.")]
    public static partial void JobPolled(ILogger logger, int index, string jobId, string status);

    [LoggerMessage(13, LogLevel.Information, "Row {Index} (queue '{Queue}'): its last write was ambiguous; asking the platform gave {Reconciliation}.")]
    public static partial void Reconciled(ILogger logger, int index, string queue, string reconciliation);

    [LoggerMessage(14, LogLevel.Debug, "Row {Index} (queue '{Queue}'): {Request} answered HTTP {Status}.")]
    public static partial void Answered(ILogger logger, int index, string queue, string request, int status);

    [LoggerMessage(15, LogLevel.Debug, "Row {Index} (queue '{Queue}'): {Request} failed with {Error}.")]
    public static partial void RequestFailed(ILogger logger, int index, string queue, string request, string error);

    [LoggerMessage(16, LogLevel.Information, "Looked up {Rows} row(s) of {Agents} agent(s) in one query: {Result}.")]
    public static partial void LookedUp(ILogger logger, int rows, int agents, string result);

    [LoggerMessage(17, LogLevel.Information, "{Purpose}: {Rows} row(s) looked up in {Requests} request(s); {Found} found.")]
    public static partial void LookupFinished(ILogger logger, string purpose, int rows, int requests, int found);

    [LoggerMessage(20, LogLevel.Information, "Streamed push on registration '{Client}' starting: sending as it reads, at most {Held} row(s) held at once, {MaxParallelQueues} queue(s) in flight at once.")]
    public static partial void StreamStarting(ILogger logger, string client, int held, int maxParallelQueues);
}
