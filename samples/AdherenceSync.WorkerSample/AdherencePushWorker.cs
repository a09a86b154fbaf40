using System.Threading.Channels;

namespace AdherenceSync.WorkerSample;

/// <summary>
/// Reads exception sets from the channel and pushes each through the DI-registered client, one set at a time, logging
/// every row that did not succeed. When the channel is completed and drained, it stops the host; the exit code is 1 if
/// any row did not succeed.
/// </summary>
internal sealed partial class AdherencePushWorker(
    ChannelReader<ExceptionSet> reader, IAdherenceSyncClient client, IHostApplicationLifetime lifetime, ILogger<AdherencePushWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (sets, rows, notSucceeded) = (0, 0, 0);
        try
        {
            await foreach (var set in reader.ReadAllAsync(stoppingToken))
            {
                var report = await client.PushAsync(set.Rows, cancellationToken: stoppingToken);
                LogSet(set.Name, report.Total, report.Succeeded, report.Rejected, report.Failed, report.Unknown, report.NotAttempted, report.Duration.TotalSeconds);
                foreach (var row in report.Rows.Where(r => r.Outcome != RowOutcome.Succeeded))
                {
                    LogRow(set.Name, row.Index, row.Row.AgentId, row.Outcome, row.Error);
                }

                (sets, rows, notSucceeded) = (sets + 1, rows + report.Total, notSucceeded + report.Total - report.Succeeded);
            }

            LogDone(sets, rows, notSucceeded);
            Environment.ExitCode = notSucceeded == 0 ? 0 : 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Set}: {Total} rows, {Succeeded} succeeded, {Rejected} rejected, {Failed} failed, {Unknown} unknown (may have been applied: resume, never resend), {NotAttempted} not attempted, in {Seconds:F1} s")]
    private partial void LogSet(string set, int total, int succeeded, int rejected, int failed, int unknown, int notAttempted, double seconds);

    [LoggerMessage(2, LogLevel.Warning, "{Set}: row {Index} (agent {AgentId}) {Outcome}: {Error}")]
    private partial void LogRow(string set, int index, string agentId, RowOutcome outcome, string? error);

    [LoggerMessage(3, LogLevel.Information, "Done: {Sets} sets, {Rows} rows, {NotSucceeded} not succeeded. Stopping.")]
    private partial void LogDone(int sets, int rows, int notSucceeded);
}
