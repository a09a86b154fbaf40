namespace AdherenceSync.Pacing;

/// <summary>
/// One thing that limits a budget's sends: the configured ceiling (<see cref="RateSource"/>) or what is known of the
/// server's window (<see cref="WindowModel"/>). The budget's limiter lets a send go only when every source allows it, so
/// the budget goes at the lower of them.
/// </summary>
/// <remarks>
/// Sources keep no lock of their own: the limiter calls them, and the budget changes them, under the limiter's lock.
/// Times are <see cref="TimeProvider.GetTimestamp"/> values of the limiter's clock.
/// </remarks>
internal abstract class PacingSource
{
    /// <summary>Gets when this source allows <paramref name="permits"/> more sends.</summary>
    /// <returns>
    /// A timestamp; one at or before <paramref name="now"/> allows them now. <see cref="long.MaxValue"/> means not until
    /// the source learns something new.
    /// </returns>
    public abstract long AllowedAt(long now, int permits);

    /// <summary>Records that <paramref name="permits"/> sends were granted at <paramref name="now"/>.</summary>
    public virtual void OnGranted(long now, int permits)
    {
    }
}
