namespace AdherenceSync.Cli.Output;

/// <summary>
/// One row of the report file: <c>line</c> is the CSV line (header = 1). <c>status</c> is the row's outcome (published
/// first); <c>outcome</c> repeats it under the name that cannot be mistaken for the CSV's <c>status</c> column, which is
/// the explanation's admin status.
/// </summary>
internal sealed record ReportFileRow(
    int Line, string AgentId, string QueueId, string Status, int Attempts, int? HttpStatus, string? Error, string? ExplanationId, string? JobId, bool FromCheckpoint, string? ExplanationIdMissingReason = null)
{
    /// <summary>Gets the row's outcome: the same value as <see cref="Status"/>.</summary>
    public string Outcome => Status;
}
