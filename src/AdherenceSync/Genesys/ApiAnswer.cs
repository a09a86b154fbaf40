namespace AdherenceSync.Genesys;

/// <summary>
/// One answer of the platform, read and parsed inside the attempt (so its body read is bounded by the attempt timeout),
/// with nothing left to dispose.
/// </summary>
internal sealed record ApiAnswer
{
    public required int StatusCode { get; init; }

    public RetryAfterHint RetryAfter { get; init; }

    /// <summary>Gets the body read as a write's answer (whatever the status: the classifier says whether it counts).</summary>
    public ExplanationWriteResponse? Body { get; init; }

    /// <summary>Gets the job read by a poll.</summary>
    public ExplanationJob? Job { get; init; }

    /// <summary>Gets where a redirect pointed.</summary>
    public Uri? Location { get; init; }

    /// <summary>Gets the rate-limit headers of the answer, when it had any that parse.</summary>
    public Pacing.RateLimitSnapshot? RateLimit { get; init; }

    /// <summary>Gets the body read as the platform's error, when it said anything as one.</summary>
    public GenesysError? Error { get; init; }

    /// <summary>Gets what was wrong with a body that could not be used: empty, malformed, cut off.</summary>
    public string? BodyProblem { get; init; }

    /// <summary>Gets the parsed answer of a query, when this answers one with a body that parses.</summary>
    public ExplanationQueryResponse? Query { get; init; }

    /// <summary>Gets the listing a query read, inline or from its download link, when it read one.</summary>
    public ExplanationListing? Listing { get; init; }

    /// <summary>Gets the query job this answer of a query names, when the listing comes once that job is complete.</summary>
    public string? QueryJobId
        => Listing is null && Query is { Result: null, DownloadUrl: null, Job: { Id: { } id, Status: JobConstants.Processing } } ? id : null;

    /// <summary>Gets where the listing of a query's answer can be downloaded, when it was not inline.</summary>
    public Uri? ListingLink
        => Query is { Result: null } query
           && Uri.TryCreate(query.DownloadUrl ?? (query.Job is { Status: JobConstants.Complete } complete ? complete.DownloadUrl : null), UriKind.Absolute, out var link)
            ? link
            : null;

    /// <summary>This answer with the listing its download link served.</summary>
    public ApiAnswer WithListing(ExplanationListing? listing) => this with { Listing = listing };

    /// <summary>What Polly's telemetry prints as the result: the same words as the client's own logs.</summary>
    public override string ToString() => Describe();

    public string Describe()
    {
        var detail = Error?.ToString() ?? BodyProblem;
        return detail is null ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {detail}";
    }
}
