namespace AdherenceSync;

/// <summary>
/// The single outcome of one input row.
/// </summary>
public enum RowOutcome
{
    /// <summary>
    /// The row was not sent: the push was cancelled or halted before its turn.
    /// </summary>
    NotAttempted = 0,

    /// <summary>
    /// The platform recorded the row.
    /// </summary>
    Succeeded = 1,

    /// <summary>
    /// The platform refused the row; <see cref="RowResult.Error"/> carries its reason.
    /// </summary>
    Rejected = 2,

    /// <summary>
    /// The client gave up on the row; <see cref="RowResult.Error"/> carries the last error.
    /// </summary>
    Failed = 3,
}
