namespace AdherenceSync;

/// <summary>
/// A snapshot of a push in progress, reported through <see cref="IProgress{T}"/> after each row outcome.
/// </summary>
/// <param name="Total">The number of input rows; in a streamed push, the rows read so far.</param>
/// <param name="Succeeded">The rows recorded so far.</param>
/// <param name="Rejected">The rows refused so far.</param>
/// <param name="Failed">The rows given up on so far.</param>
/// <param name="NotAttempted">The rows that will not be sent.</param>
/// <param name="Elapsed">The time since the push started.</param>
/// <param name="Unknown">The rows that may have been applied and could not be confirmed.</param>
public readonly record struct PushProgress(int Total, int Succeeded, int Rejected, int Failed, int NotAttempted, TimeSpan Elapsed, int Unknown = 0)
{
    /// <summary>
    /// Gets the number of rows that have an outcome.
    /// </summary>
    public int Completed => Succeeded + Rejected + Failed + NotAttempted + Unknown + Invalid;

    /// <summary>
    /// Gets the rows of a streamed push found invalid and not sent (<see cref="RowOutcome.Invalid"/>).
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Invalid { get; init; }
}
