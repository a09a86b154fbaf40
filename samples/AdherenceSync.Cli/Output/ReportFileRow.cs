namespace AdherenceSync.Cli.Output;

/// <summary>One row of the report file: <c>line</c> is the CSV line (header = 1).</summary>
internal sealed record ReportFileRow(
    int Line, string AgentId, string QueueId, string Status, int Attempts, int? HttpStatus, string? Error, string? ExplanationId, string? JobId, bool FromCheckpoint, string? ExplanationIdMissingReason = null);
