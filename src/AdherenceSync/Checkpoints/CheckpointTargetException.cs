namespace AdherenceSync;

/// <summary>
/// The checkpoint was recorded for another target than the push's: its rows were pushed to another API host,
/// registration or client. Using it would skip rows that never reached this target. Thrown before anything is sent.
/// </summary>
public sealed class CheckpointTargetException : InvalidOperationException
{
    /// <summary>
    /// Initializes a new instance of the <see cref="CheckpointTargetException"/> class.
    /// </summary>
    /// <param name="recorded">The target the checkpoint was recorded for.</param>
    /// <param name="current">The push's target.</param>
    public CheckpointTargetException(string recorded, string current)
        : base($"the checkpoint was recorded for {recorded}, not {current}; rows done there were never sent here. Use another checkpoint, or allow it deliberately (PushOptions.AllowCheckpointFromAnotherTarget).")
    {
        Recorded = recorded;
        Current = current;
    }

    /// <summary>
    /// Gets the target the checkpoint was recorded for.
    /// </summary>
    public string Recorded { get; }

    /// <summary>
    /// Gets the push's target.
    /// </summary>
    public string Current { get; }
}
