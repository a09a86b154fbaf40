namespace AdherenceSync;

/// <summary>
/// One record of a checkpoint.
/// </summary>
/// <param name="RowKey">The row's stable key, derived from its agent, start, length and type.</param>
/// <param name="State">What happened to the row.</param>
/// <param name="ExplanationId">The platform's identifier of the recorded explanation, for a row that succeeded.</param>
/// <param name="Error">The reason of a rejection or failure.</param>
public sealed record CheckpointEntry(string RowKey, CheckpointState State, string? ExplanationId = null, string? Error = null)
{
    /// <summary>
    /// Gets where the row was pushed: the API host, the registration's name and the OAuth client id (never a token or
    /// a secret). A push refuses a checkpoint recorded for another target unless
    /// <see cref="PushOptions.AllowCheckpointFromAnotherTarget"/> is set.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: unknown (a checkpoint written before targets were recorded).</value>
    public string? Target { get; init; }
}
