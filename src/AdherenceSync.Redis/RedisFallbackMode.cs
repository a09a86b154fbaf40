namespace AdherenceSync.Redis;

/// <summary>
/// What a client does while the Redis that holds its shared budget cannot be reached, or answers too slowly.
/// </summary>
public enum RedisFallbackMode
{
    /// <summary>
    /// Pace locally at the shared budget divided by <see cref="RedisBudgetOptions.ExpectedInstances"/>, and go back to the
    /// shared budget when Redis answers again.
    /// </summary>
    LocalPacing,

    /// <summary>
    /// Halt the push with a clear error; rows not yet sent are reported <see cref="RowOutcome.NotAttempted"/>.
    /// </summary>
    Stop,
}
