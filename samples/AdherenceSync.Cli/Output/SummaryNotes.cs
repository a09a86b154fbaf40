namespace AdherenceSync.Cli.Output;

/// <summary>The lines under a summary table: why a push stopped, and the first rows that did not succeed.</summary>
internal static class SummaryNotes
{
    /// <summary>How many of the rows that did not succeed are listed.</summary>
    public const int RowsShown = 10;

    /// <param name="report">The push report.</param>
    /// <param name="lines">The CSV line of each input row, by index; <see langword="null"/> for input that came from no file.</param>
    /// <param name="problems">The rows that did not succeed, when the report keeps no rows (a streamed push); else its own.</param>
    public static IEnumerable<string> For(PushReport report, IReadOnlyList<int>? lines, IReadOnlyList<RowResult>? problems = null)
    {
        if (report.HaltReason is not null)
        {
            yield return $"Halted: {report.HaltReason}";
        }

        if (report.Cancelled)
        {
            yield return "Cancelled: rows not yet sent are reported as not attempted.";
        }

        if (report.UnexplainedThrottles > 0)
        {
            yield return $"429s: {report.Throttled}, of which {report.UnexplainedThrottles} no budget explains (honoured, but they taught pacing nothing).";
        }

        if (report.BusinessUnitWouldSave > 0)
        {
            yield return $"Job polls: {report.JobPolls}. With --business-unit, about {report.BusinessUnitWouldSave} of them would have been spared: one query confirms the waiting jobs of every queue at once.";
        }

        if (report.Unknown > 0)
        {
            yield return $"Unknown: {report.Unknown} row(s) may have been applied and could not be confirmed. Run the same push again with its --checkpoint: it looks them up before sending. Do not resend them by hand.";
        }

        foreach (var row in (problems ?? report.Rows).Where(r => r.Outcome is RowOutcome.Rejected or RowOutcome.Failed or RowOutcome.Unknown).Take(RowsShown))
        {
            // The CLI speaks in file lines, as validation and the report do; input from no file is counted from 1.
            var where = lines is null ? $"row {row.Index + 1}" : $"line {lines[row.Index]}";
            yield return $"  {where} ({row.Row.AgentId}): {row.Outcome}: {row.Error}";
        }
    }
}
