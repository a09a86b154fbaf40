namespace AdherenceSync;

/// <summary>
/// What happened to one input row.
/// </summary>
public sealed class RowResult
{
    /// <summary>
    /// Gets the zero-based position of the row in the input.
    /// </summary>
    public required int Index { get; init; }

    /// <summary>
    /// Gets the row itself.
    /// </summary>
    public required AdherenceRow Row { get; init; }

    /// <summary>
    /// Gets the outcome of the row.
    /// </summary>
    public required RowOutcome Outcome { get; init; }

    /// <summary>
    /// Gets the number of requests sent for the row, counting every retry.
    /// </summary>
    /// <value>Zero for a row that was never sent.</value>
    public int Attempts { get; init; }

    /// <summary>
    /// Gets the HTTP status code of the last answer to the row's own requests (its writes and job polls; not a query that
    /// checked whether an ambiguous write landed).
    /// </summary>
    /// <value><see langword="null"/> when no answer was received.</value>
    public int? HttpStatus { get; init; }

    /// <summary>
    /// Gets the reason for a rejection, the last error of a failure, or why the row was not attempted.
    /// </summary>
    /// <value><see langword="null"/> for a row that succeeded.</value>
    public string? Error { get; init; }

    /// <summary>
    /// Gets the identifier the platform gave the recorded explanation.
    /// </summary>
    /// <value><see langword="null"/> unless the row succeeded and the platform returned an identifier.</value>
    public string? ExplanationId { get; init; }

    /// <summary>
    /// Gets why a succeeded row has no <see cref="ExplanationId"/>: most often the platform answered 200 with its job
    /// reference only, which carries no id (<see cref="AdherenceSyncOptions.ResolveExplanationIds"/> looks it up).
    /// </summary>
    /// <value><see langword="null"/> when the row has an id, or did not succeed.</value>
    public string? ExplanationIdMissingReason { get; init; }

    /// <summary>
    /// Gets the identifier of the platform job that processed the row, when the platform answered with a job.
    /// </summary>
    public string? JobId { get; init; }

    /// <summary>
    /// Gets a value indicating whether the outcome comes from a checkpoint: an earlier run recorded it, and the row was not sent.
    /// </summary>
    public bool FromCheckpoint { get; init; }

    /// <summary>This result with the explanation id a later lookup gave, or with why there is still none.</summary>
    internal RowResult WithExplanationId(string? explanationId, string? missingReason) => new()
    {
        Index = Index,
        Row = Row,
        Outcome = Outcome,
        Attempts = Attempts,
        HttpStatus = HttpStatus,
        Error = Error,
        ExplanationId = explanationId,
        ExplanationIdMissingReason = missingReason,
        JobId = JobId,
        FromCheckpoint = FromCheckpoint,
    };

    /// <inheritdoc/>
    public override string ToString() => $"#{Index} {Outcome} after {Attempts} attempt(s){(Error is null ? string.Empty : ": " + Error)}";
}
