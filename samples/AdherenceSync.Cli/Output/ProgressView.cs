namespace AdherenceSync.Cli.Output;

/// <summary>What a progress display shows: counts, the recent rate, throttling so far and the ETA.</summary>
internal readonly record struct ProgressView(PushProgress Progress, double RowsPerSecond, long Throttled, TimeSpan Waited)
{
    /// <summary>Gets the time left at the recent rate; none when nothing is left to send or the push has stopped sending.</summary>
    public TimeSpan? Eta => RowsPerSecond > 0 && Progress.Completed < Progress.Total && Progress.NotAttempted == 0
        ? TimeSpan.FromSeconds((Progress.Total - Progress.Completed) / RowsPerSecond)
        : null;
}
