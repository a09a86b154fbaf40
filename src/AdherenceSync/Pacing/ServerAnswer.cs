namespace AdherenceSync.Pacing;

/// <summary>What one answer said, as pacing needs it: the one thing every request hands to <see cref="ClientPacing.OnAnswer"/>.</summary>
/// <param name="Queue">The queue whose budget the request counted against.</param>
/// <param name="IsThrottled">Whether the server throttled the request (a 429, as the answer classifier read it).</param>
/// <param name="SentAt">When the request was granted its permit (a <see cref="TimeProvider.GetTimestamp"/> value).</param>
/// <param name="ReceivedAt">When its answer was read.</param>
/// <param name="RateLimit">Its rate-limit headers, when it had any that parse.</param>
/// <param name="RetryAfter">The wait its Retry-After asked for, when it had a usable one.</param>
/// <param name="LimitKey">The <c>limit.key</c> of its error body, when it named one.</param>
/// <param name="Grant">The request's number among the client budget's grants, when known: the sends granted after it are the ones its answer could not have counted.</param>
internal readonly record struct ServerAnswer(
    string Queue, bool IsThrottled, long SentAt, long ReceivedAt, RateLimitSnapshot? RateLimit = null, TimeSpan? RetryAfter = null, string? LimitKey = null, long? Grant = null);
