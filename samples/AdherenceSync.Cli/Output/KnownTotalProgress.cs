namespace AdherenceSync.Cli.Output;

/// <summary>
/// Progress of a push whose input the CLI has counted: a streamed push reports the rows read so far as its total, while
/// the file's row count is known from the first pass.
/// </summary>
internal sealed class KnownTotalProgress(IProgress<PushProgress> display, int total) : IProgress<PushProgress>
{
    public void Report(PushProgress value) => display.Report(value with { Total = Math.Max(total, value.Total) });
}
