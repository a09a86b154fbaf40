namespace AdherenceSync.Pacing;

/// <summary>
/// Thrown by a shared budget's limiter when its store cannot be reached and it is set to stop rather than fall back to
/// local pacing. The push halts; rows not yet sent are reported <see cref="RowOutcome.NotAttempted"/> with the message.
/// </summary>
internal sealed class SharedBudgetUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
