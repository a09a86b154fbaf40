using System.Text.Json;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// The report file. Its shape is a published contract: fields may be added, never renamed.
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
        [.. report.Rows.Select(r => new ReportFileRow(
            lines?[r.Index] ?? r.Index + 2, r.Row.AgentId, r.Row.QueueId, r.Outcome.ToString(), r.Attempts, r.HttpStatus, r.Error, r.ExplanationId, r.JobId, r.FromCheckpoint, r.ExplanationIdMissingReason))],
        report.Throttled,
        report.UnexplainedThrottles,
        report.Unknown,
        report.JobPolls,
        report.BusinessUnitWouldSave);

    public static async Task WriteAsync(string path, ReportFile report, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, report, CliJson.Options, cancellationToken).ConfigureAwait(false);
        }
    }

    public static ReportFile? Parse(string json) => JsonSerializer.Deserialize<ReportFile>(json, CliJson.Options);
}
