namespace AdherenceSync.Cli.Output;

/// <summary>The lines under a summary table: why a push stopped, and the first rows that did not succeed.</summary>
internal static class SummaryNotes
{
    private const int RowsShown = 10;

    public static IEnumerable<string> For(PushReport report)
    {
        if (report.HaltReason is not null)
        {
            yield return $"Halted: {report.HaltReason}";
        }

        if (report.Cancelled)
        {
            yield return "Cancelled: rows not yet sent are reported as not attempted.";
        }

        foreach (var row in report.Rows.Where(r => r.Outcome is RowOutcome.Rejected or RowOutcome.Failed).Take(RowsShown))
        {
            yield return $"  row {row.Index} ({row.Row.AgentId}): {row.Outcome}: {row.Error}";
        }
    }
}
