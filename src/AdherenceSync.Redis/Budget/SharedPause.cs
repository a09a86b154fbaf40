namespace AdherenceSync.Redis.Budget;

/// <summary>
/// The moment until which the server asked for no request on a shared budget, whichever instance was told. Sends that
/// already passed the local budgets and wait on the shared one hold here too, so that no permit taken before the 429
/// is spent inside its Retry-After.
/// </summary>
internal sealed class SharedPause(TimeProvider timeProvider)
{
    private long _untilUtcTicks;

    public void Extend(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        var current = Interlocked.Read(ref _untilUtcTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _untilUtcTicks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Gets how long the pause still lasts; zero or less when there is none.</summary>
    public TimeSpan Remaining => TimeSpan.FromTicks(Interlocked.Read(ref _untilUtcTicks) - timeProvider.GetUtcNow().UtcTicks);
}
