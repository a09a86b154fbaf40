using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>
/// What the push knows about one row across all its requests: its writes, the checks after an ambiguous one, and the
/// polls of its job.
/// </summary>
internal sealed class RowState
{
    public required int Index { get; init; }

    public required AdherenceRow Row { get; init; }

    public required string Path { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    public required PushRun Run { get; init; }

    /// <summary>
    /// Gets or sets how many writes may have reached the platform: handed to the HTTP stack, and not stopped there by a
    /// failure to sign in.
    /// </summary>
    public int Writes { get; set; }

    /// <summary>Gets or sets how many job polls were sent for the row.</summary>
    public int Polls { get; set; }

    /// <summary>Gets or sets how many queries were sent to check the row.</summary>
    public int Queries { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the last write may have been applied without the client knowing (a timeout,
    /// a reset connection or a 5xx after it was sent): the platform must be asked before the row is written again.
    /// </summary>
    public bool InDoubt { get; set; }

    /// <summary>Gets or sets what the last check of the platform said, until a write follows it.</summary>
    public CheckResult? LastCheck { get; set; }

    /// <summary>
    /// Gets the query this row sends instead of its own, when it carries a lookup for many rows (a business unit's or an
    /// agent's explanations over a span): the path and the body.
    /// </summary>
    public (string Path, ExplanationQuery Body)? Lookup { get; init; }

    /// <summary>Gets or sets the last error of a write, kept when later requests are queries.</summary>
    public string? LastWriteError { get; set; }

    /// <summary>Gets or sets when the last request was granted its permit (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long PermitAt { get; set; }

    /// <summary>Gets or sets the last request's number among the client budget's grants, when the lease said.</summary>
    public long? PermitGrant { get; set; }

    /// <summary>Gets or sets a value indicating whether a request was handed over and its answer has not arrived.</summary>
    public bool InFlight { get; set; }

    /// <summary>Gets or sets the last answer of any of the row's requests.</summary>
    public ApiAnswer? LastAnswer { get; set; }

    /// <summary>Gets or sets the last status of the row's own requests (writes and polls), not of a query that checked it.</summary>
    public int? LastOwnStatus { get; set; }

    public Exception? LastException { get; set; }

    /// <summary>Gets or sets how many retry-budget tokens this row's retries took.</summary>
    public int RetryCostTaken { get; set; }

    /// <summary>Gets or sets a value indicating whether a retry was refused because the retry budget was empty.</summary>
    public bool RetryBudgetExhausted { get; set; }

    /// <summary>Gets every delay the retry strategies waited before a request of the row, in order.</summary>
    public List<TimeSpan> RetryDelays { get; } = [];
}
