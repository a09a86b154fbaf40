namespace AdherenceSync.Cli.Output;

/// <summary>Shows a push while it runs, then its summary.</summary>
internal interface IPushDisplay : IProgress<PushProgress>
{
    Task<PushReport> ShowAsync(Func<Task<PushReport>> push);

    void WriteSummary(PushReport report, IReadOnlyList<int>? lines = null, IReadOnlyList<RowResult>? problems = null);
}
