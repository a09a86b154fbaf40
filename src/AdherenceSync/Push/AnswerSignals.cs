using AdherenceSync.Pacing;

namespace AdherenceSync.Push;

/// <summary>What an answer said besides its verdict, read once by <see cref="AnswerClassifier"/>: for the report and for pacing.</summary>
/// <param name="Status">Its HTTP status, for the report's <c>httpStatus</c>.</param>
/// <param name="RateLimit">Its rate-limit headers, when it had any that parse.</param>
/// <param name="RetryAfter">The wait its Retry-After asked for, when it had a usable one.</param>
/// <param name="LimitKey">The <c>limit.key</c> of its error body, when it named one.</param>
/// <param name="WithoutIdReason">Why a row it confirmed has no explanation id, should it be the row's last own answer.</param>
internal readonly record struct AnswerSignals(
    int Status, RateLimitSnapshot? RateLimit, TimeSpan? RetryAfter, string? LimitKey, string WithoutIdReason);
