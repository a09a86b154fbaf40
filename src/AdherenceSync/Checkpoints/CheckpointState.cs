namespace AdherenceSync;

/// <summary>
/// What a checkpoint records about a row.
/// </summary>
public enum CheckpointState
{
    /// <summary>The row's first write was about to be sent: after a crash its outcome is unknown until the platform is asked.</summary>
    Started = 0,

    /// <summary>The platform recorded the row.</summary>
    Succeeded = 1,

    /// <summary>The platform refused the row.</summary>
    Rejected = 2,

    /// <summary>The client gave up on the row, which was not applied.</summary>
    Failed = 3,

    /// <summary>The row may have been applied and could not be confirmed: a resume looks it up before sending it.</summary>
    Unknown = 4,
}
