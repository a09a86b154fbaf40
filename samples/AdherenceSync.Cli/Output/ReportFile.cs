using System.Text.Json;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// The report file. Its shape is a published contract: fields may be added, never renamed. <see cref="ReportStream"/>
/// writes it with the rows kept on disk.
/// </summary>
internal sealed record ReportFile(
    int Total, int Succeeded, int Rejected, int Failed, int NotAttempted,
    bool Cancelled, string? HaltReason, double DurationSeconds, IReadOnlyList<ReportFileRow> Rows, int Throttled = 0, int UnexplainedThrottles = 0, int Unknown = 0,
    int JobPolls = 0, int BusinessUnitWouldSave = 0)
{
    /// <param name="report">The push report.</param>
    /// <param name="lines">The CSV line of each input row, by index; <see langword="null"/> for input that came from no file.</param>
    public static ReportFile From(PushReport report, IReadOnlyList<int>? lines) => new(
        report.Total,
        report.Succeeded,
        report.Rejected,
        report.Failed,
        report.NotAttempted,
        report.Cancelled,
        report.HaltReason,
        Math.Round(report.Duration.TotalSeconds, 3),
        [.. report.Rows.Select(r => Row(r, lines))],
        report.Throttled,
        report.UnexplainedThrottles,
        report.Unknown,
        report.JobPolls,
        report.BusinessUnitWouldSave);

    /// <summary>One row of the report.</summary>
    /// <param name="result">The row's result.</param>
    /// <param name="lines">The CSV line of each input row, by index; <see langword="null"/> for input that came from no file.</param>
    public static ReportFileRow Row(RowResult result, IReadOnlyList<int>? lines) => new(
        lines?[result.Index] ?? result.Index + 2, result.Row.AgentId, result.Row.QueueId, result.Outcome.ToString(), result.Attempts, result.HttpStatus, result.Error,
        result.ExplanationId, result.JobId, result.FromCheckpoint, result.ExplanationIdMissingReason);

    public static ReportFile? Parse(string json) => JsonSerializer.Deserialize<ReportFile>(json, CliJson.Options);
}
