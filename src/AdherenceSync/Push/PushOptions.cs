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
}
