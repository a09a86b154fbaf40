using AdherenceSync;

namespace Consumer.Service;

// The README's "Use it in a .NET service" snippet, as written.
public sealed class AdherenceExporter(IAdherenceSyncClient client)
{
    public async Task<PushReport> ExportAsync(IEnumerable<AdherenceRow> rows, CancellationToken cancellationToken)
    {
        PushReport report = await client.PushAsync(rows, cancellationToken: cancellationToken);
        foreach (var row in report.Rows.Where(r => r.Outcome != RowOutcome.Succeeded))
        {
            Console.WriteLine($"row {row.Index}: {row.Outcome}: {row.Error}");
        }

        return report;
    }
}
