using AdherenceSync;

namespace Consumer.Service.PackageReadme;

// The AdherenceSync package readme's "Push, and act on each outcome", as written (ReadmeTests checks it is).
public sealed class AdherenceExporter(IAdherenceSyncClient client)
{
    public async Task<PushReport> ExportAsync(IEnumerable<AdherenceRow> rows, CancellationToken cancellationToken)
    {
        // The checkpoint makes a rerun resume: rows it records as done are not sent again.
        using var checkpoint = new FileCheckpointStore("adherence.checkpoint.jsonl");
        PushReport report = await client.PushAsync(rows, new PushOptions { Checkpoint = checkpoint }, cancellationToken);

        Console.WriteLine($"{report.Succeeded} applied, {report.Rejected} refused, {report.Failed} not applied, {report.Unknown} unknown, {report.NotAttempted} not sent of {report.Total}");
        foreach (RowResult row in report.Rows.Where(r => r.Outcome != RowOutcome.Succeeded))
        {
            Console.WriteLine($"row {row.Index} ({row.Row.AgentId}): {row.Outcome} {row.HttpStatus}: {row.Error}");
        }

        return report;
    }
}
