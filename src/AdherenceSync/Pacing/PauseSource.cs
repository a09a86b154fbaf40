namespace AdherenceSync.Pacing;

/// <summary>No send before a moment: a server's Retry-After, on the budget it applies to. A pause only ever extends.</summary>
internal sealed class PauseSource(TimeProvider timeProvider)
{
    public long Until { get; private set; }

    public void Extend(long until) => Until = Math.Max(Until, until);

    public TimeSpan Remaining(long now) => Until > now ? timeProvider.GetElapsedTime(now, Until) : TimeSpan.Zero;
}
