namespace AdherenceSync;

/// <summary>
/// Options of one push.
/// </summary>
public sealed class PushOptions
{
    /// <summary>
    /// Gets or sets what receives a snapshot after each row outcome.
    /// </summary>
    /// <remarks>
    /// Snapshots are handed over off the rows' path, one call at a time and always forward: a handler slower than the
    /// rows gets the latest snapshot (the ones in between are skipped), and never holds up a send. The push returns
    /// after the last snapshot was handed over.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>.</value>
    public IProgress<PushProgress>? Progress { get; set; }

    /// <summary>
    /// Gets or sets where the push records its progress, to resume after a crash or a cancellation.
    /// </summary>
    /// <remarks>
    /// A row recorded as succeeded or rejected is not sent again (its result is reported from the checkpoint). A row that
    /// was started and never finished is checked with the platform before it is written, so nothing is written twice.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>: no checkpoint.</value>
    public ICheckpointStore? Checkpoint { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a checkpoint recorded for another target (API host, registration or
    /// client id) may be used. Rows it records as done there are then not sent here.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: such a checkpoint is refused with a <see cref="CheckpointTargetException"/>.</value>
    public bool AllowCheckpointFromAnotherTarget { get; set; }

    /// <summary>
    /// Gets or sets what receives each row's result as soon as it is final, in a push of an
    /// <see cref="IAsyncEnumerable{T}"/>: to write a report as it goes, or to act on a row without waiting for the others.
    /// </summary>
    /// <remarks>
    /// Called once per row read, in the order rows end (input order within a queue), at most once at a time per queue; the
    /// row is held (one of <see cref="AdherenceSyncOptions.MaxRowsHeld"/>) until the returned task ends, so a slow handler
    /// holds the reading back. An exception from it halts the push (<see cref="PushReport.HaltReason"/> says so; the rows not
    /// yet sent end <see cref="RowOutcome.NotAttempted"/>). A push of an
    /// <see cref="IEnumerable{T}"/> does not call it.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<RowResult, ValueTask>? RowEnded { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the report of a push of an <see cref="IAsyncEnumerable{T}"/> keeps every
    /// row's result. Without them, <see cref="PushReport.Rows"/> is empty, its counts and the rest stay, and memory stays
    /// flat however many rows pass (take the rows through <see cref="RowEnded"/>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>. A push of an <see cref="IEnumerable{T}"/> always keeps them.</value>
    public bool KeepRows { get; set; } = true;
}
