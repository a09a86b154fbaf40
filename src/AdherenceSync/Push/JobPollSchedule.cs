using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>
/// When to poll a job, write or query: first after <see cref="AdherenceSyncOptions.JobPollDelay"/>, then twice as long
/// each time up to <see cref="JobConstants.MaxPollDelay"/>, until <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/>
/// has passed since the schedule began.
/// </summary>
internal sealed class JobPollSchedule(TimeProvider timeProvider, TimeSpan timeout, TimeSpan firstDelay)
{
    private readonly long _started = timeProvider.GetTimestamp();
    private TimeSpan _delay = firstDelay;

    public TimeSpan Timeout => timeout;

    /// <summary>Gets a value indicating whether the timeout has passed since the schedule began.</summary>
    public bool Expired => timeProvider.GetElapsedTime(_started) >= timeout;

    /// <summary>Waits until the next poll is due, never past the timeout.</summary>
    /// <returns><see langword="false"/>, without waiting, once the timeout has passed.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped the wait.</exception>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        var left = timeout - timeProvider.GetElapsedTime(_started);
        if (left <= TimeSpan.Zero)
        {
            return false;
        }

        await Task.Delay(_delay < left ? _delay : left, timeProvider, cancellationToken).ConfigureAwait(false);
        _delay = Longer(_delay);
        return true;
    }

    /// <summary>The next wait after <paramref name="delay"/>: twice as long, up to <see cref="JobConstants.MaxPollDelay"/>.</summary>
    public static TimeSpan Longer(TimeSpan delay) => delay * 2 < JobConstants.MaxPollDelay ? delay * 2 : JobConstants.MaxPollDelay;
}
