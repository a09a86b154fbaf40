using AdherenceSync.Genesys;

namespace AdherenceSync.Resilience;

/// <summary>
/// One answer, read and parsed inside the attempt (so its body read is bounded by the attempt timeout),
/// with nothing left to dispose.
/// </summary>
internal sealed class AttemptResult
{
    public required int StatusCode { get; init; }

    public RetryAfterHint RetryAfter { get; init; }

    public ExplanationWriteResponse? Body { get; init; }

    /// <summary>Gets the job read by a poll.</summary>
    public ExplanationJob? Job { get; init; }

    /// <summary>Gets the rate-limit headers of the answer, when it had any that parse.</summary>
    public Pacing.RateLimitSnapshot? RateLimit { get; init; }

    public GenesysError? Error { get; init; }

    /// <summary>What was wrong with a body that could not be used: empty, malformed, cut off.</summary>
    public string? BodyProblem { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public string Describe()
    {
        var detail = Error?.ToString() ?? BodyProblem;
        return detail is null ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {detail}";
    }
}
