using AdherenceSync.Reporting;

namespace AdherenceSync;

/// <summary>
/// The outcome of a push: one <see cref="RowResult"/> per input row, in input order, and their counts.
/// </summary>
/// <remarks>
/// <see cref="Succeeded"/> + <see cref="Rejected"/> + <see cref="Failed"/> + <see cref="Unknown"/> +
/// <see cref="NotAttempted"/> + <see cref="Invalid"/> always equals <see cref="Total"/>. Build one for a test of your own code with
/// <see cref="AdherenceSyncModelFactory.PushReport"/>.
/// </remarks>
public sealed class PushReport
{
    private readonly OutcomeCounts _counts;

    internal PushReport(IReadOnlyList<RowResult> rows, TimeSpan duration, bool cancelled, string? haltReason)
        : this(rows, Count(rows), duration, cancelled, haltReason)
    {
    }

    /// <summary>A report of a streamed push that handed each result over as it came: its counts, and no rows.</summary>
    internal PushReport(OutcomeCounts counts, TimeSpan duration, bool cancelled, string? haltReason)
        : this([], counts, duration, cancelled, haltReason)
    {
    }

    private PushReport(IReadOnlyList<RowResult> rows, OutcomeCounts counts, TimeSpan duration, bool cancelled, string? haltReason)
    {
        Rows = rows;
        _counts = counts;
        Duration = duration;
        Cancelled = cancelled;
        HaltReason = haltReason;
    }

    /// <summary>
    /// Gets the result of every input row, in input order.
    /// </summary>
    /// <value>Empty when a streamed push kept no rows (<see cref="PushOptions.KeepRows"/>).</value>
    public IReadOnlyList<RowResult> Rows { get; }

    /// <summary>
    /// Gets the number of input rows.
    /// </summary>
    public int Total => _counts.Total;

    /// <summary>
    /// Gets the number of rows the platform recorded.
    /// </summary>
    public int Succeeded => _counts.Succeeded;

    /// <summary>
    /// Gets the number of rows the platform refused.
    /// </summary>
    public int Rejected => _counts.Rejected;

    /// <summary>
    /// Gets the number of rows the client gave up on, which were not applied.
    /// </summary>
    public int Failed => _counts.Failed;

    /// <summary>
    /// Gets the number of rows that may have been applied and could not be confirmed (<see cref="RowOutcome.Unknown"/>).
    /// </summary>
    public int Unknown => _counts.Unknown;

    /// <summary>
    /// Gets the number of rows that were never sent.
    /// </summary>
    public int NotAttempted => _counts.NotAttempted;

    /// <summary>
    /// Gets the number of rows of a streamed push found invalid and never sent (<see cref="RowOutcome.Invalid"/>).
    /// </summary>
    /// <value>Always 0 for a push of an <see cref="IEnumerable{T}"/>, which refuses invalid input whole.</value>
    public int Invalid => _counts.Invalid;

    /// <summary>
    /// Gets a value indicating whether the push was cancelled through its <see cref="CancellationToken"/>.
    /// </summary>
    public bool Cancelled { get; }

    /// <summary>
    /// Gets why the push halted early, such as a 401 or 403 answer.
    /// </summary>
    /// <value><see langword="null"/> when the push did not halt.</value>
    public string? HaltReason { get; }

    /// <summary>
    /// Gets how many of the push's requests were answered 429 Too Many Requests.
    /// </summary>
    public int Throttled { get; internal set; }

    /// <summary>
    /// Gets how many of those 429s no budget the client knows explains: the rate-limit headers said requests were left, or
    /// the window had taken far less than it was shown to hold (a random refusal, or another client's). Each was honoured
    /// (its Retry-After waited out) but taught pacing nothing. The rest were the budget's own.
    /// </summary>
    public int UnexplainedThrottles { get; internal set; }

    /// <summary>
    /// Gets how many requests polled the jobs of writes the platform answered 202 (each a request from the same budget
    /// as the writes).
    /// </summary>
    public int JobPolls { get; internal set; }

    /// <summary>
    /// Gets about how many of <see cref="JobPolls"/> the push would have spared with
    /// <see cref="AdherenceSyncOptions.BusinessUnitId"/> set: one business-unit query confirms the waiting jobs of every
    /// queue at once, so the polls of one round (within one <see cref="AdherenceSyncOptions.JobPollDelay"/>) would have
    /// been one request. Zero when the business unit was set.
    /// </summary>
    public int BusinessUnitWouldSave { get; internal set; }

    /// <summary>
    /// Gets the time the push took, measured on the client's <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// Gets a value indicating whether every row succeeded.
    /// </summary>
    public bool AllSucceeded => Succeeded == Total;

    /// <inheritdoc/>
    public override string ToString()
        => $"{Total} rows: {Succeeded} succeeded, {Rejected} rejected, {Failed} failed, {Unknown} unknown, {NotAttempted} not attempted{(Invalid > 0 ? $", {Invalid} invalid" : string.Empty)} in {Duration.TotalSeconds:F1} s";

    private static OutcomeCounts Count(IReadOnlyList<RowResult> rows)
    {
        var counts = default(OutcomeCounts);
        foreach (var row in rows)
        {
            counts.Add(row.Outcome);
        }

        return counts;
    }
}
