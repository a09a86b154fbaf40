namespace AdherenceSync;

/// <summary>
/// One record of a checkpoint.
/// </summary>
/// <param name="RowKey">The row's stable key, derived from its agent, start, length and type.</param>
/// <param name="State">What happened to the row.</param>
/// <param name="ExplanationId">The platform's identifier of the recorded explanation, for a row that succeeded.</param>
/// <param name="Error">The reason of a rejection or failure.</param>
public sealed record CheckpointEntry(string RowKey, CheckpointState State, string? ExplanationId = null, string? Error = null);
