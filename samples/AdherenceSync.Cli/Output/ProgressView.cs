namespace AdherenceSync.Cli.Output;

/// <summary>What a progress display shows: counts, the recent rate, throttling so far and the ETA.</summary>
internal readonly record struct ProgressView(PushProgress Progress, double RowsPerSecond, long Throttled, TimeSpan Waited)
{
    public TimeSpan? Eta => RowsPerSecond > 0 ? TimeSpan.FromSeconds((Progress.Total - Progress.Completed) / RowsPerSecond) : null;
}
