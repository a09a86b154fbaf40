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

    /// <summary>Gets where a redirect pointed.</summary>
    public Uri? Location { get; init; }

    /// <summary>Gets the rate-limit headers of the answer, when it had any that parse.</summary>
    public Pacing.RateLimitSnapshot? RateLimit { get; init; }

    public GenesysError? Error { get; init; }

    /// <summary>What was wrong with a body that could not be used: empty, malformed, cut off.</summary>
    public string? BodyProblem { get; init; }

    /// <summary>Gets what a query said about an ambiguous write, when this result comes from one.</summary>
    public Reconciliation Reconciliation { get; init; }

    /// <summary>Gets why a query gave no usable answer.</summary>
    public string? ReconciliationProblem { get; init; }

    /// <summary>Gets the listing a query read, when it read one.</summary>
    public ExplanationListing? Listing { get; init; }

    /// <summary>Gets the job a query was answered with, when <see cref="Reconciliation"/> is <see cref="Reconciliation.Pending"/>.</summary>
    public string? QueryJobId { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Gets a value indicating whether the platform took the write as a job that is not finished: no explanation yet, and a
    /// 202 or a job still processing.
    /// </summary>
    public bool IsPending
        => Body?.AdherenceExplanation is null
           && Body?.Job?.AdherenceExplanation is null
           && (StatusCode == 202 || Body?.Job?.Status == Genesys.JobConstants.Processing);

    /// <summary>This answer to a query, with what it says about the ambiguous write.</summary>
    public AttemptResult Settled(Reconciliation reconciliation, AdherenceExplanation? found, string? problem, string? queryJobId = null, ExplanationListing? listing = null) => new()
    {
        Listing = listing,
        QueryJobId = queryJobId,
        StatusCode = StatusCode,
        RetryAfter = RetryAfter,
        RateLimit = RateLimit,
        Body = found is null ? null : new ExplanationWriteResponse { AdherenceExplanation = found },
        Reconciliation = reconciliation,
        ReconciliationProblem = problem,
    };

    /// <summary>What Polly's telemetry prints as the result: the same words as the client's own logs.</summary>
    public override string ToString() => Describe();

    public string Describe()
    {
        if (Reconciliation == Reconciliation.Failed)
        {
            return $"the query to check it failed: {ReconciliationProblem}";
        }

        var detail = Error?.ToString() ?? BodyProblem;
        return detail is null ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {detail}";
    }
}
