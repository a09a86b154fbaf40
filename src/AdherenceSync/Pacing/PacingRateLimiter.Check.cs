namespace AdherenceSync.Pacing;

/// <content>Whether a send may go now; every member runs under <c>_lock</c>.</content>
internal sealed partial class PacingRateLimiter
{
    // Task.Delay and timers accept at most uint.MaxValue - 1 milliseconds.
    private const double MaxWaitMilliseconds = uint.MaxValue - 1d;

    /// <summary>Whether a send may go now, and if not, for how long it is held (null: until a slot frees or a source changes).</summary>
    private readonly record struct Check(bool Allowed, TimeSpan? Wait, bool Paused);

    private Check CheckLocked(int permitCount, bool needsSlot, long now)
    {
        var pause = PauseLeft(now);
        if (pause > TimeSpan.Zero)
        {
            return new(false, WholeMilliseconds(pause.TotalSeconds), Paused: true);
        }

        if (needsSlot && (_inFlight >= _slots || _pauseProbeOut))
        {
            // No free slot, or the first send after a pause is out: the next release pumps.
            return new(false, null, Paused: false);
        }

        var allowedAt = now;
        foreach (var source in _sources)
        {
            allowedAt = Math.Max(allowedAt, source.AllowedAt(now, permitCount));
        }

        if (allowedAt <= now)
        {
            return new(true, TimeSpan.Zero, Paused: false);
        }

        return allowedAt == long.MaxValue
            ? new(false, null, Paused: false)
            : new(false, WholeMilliseconds(_timeProvider.GetElapsedTime(now, allowedAt).TotalSeconds), Paused: false);
    }

    /// <summary>Takes what a grant uses from every source and the slots.</summary>
    /// <returns><see langword="true"/> when this grant is the first after a pause, which the others wait behind until it ends.</returns>
    private bool TakeLocked(int permitCount, bool needsSlot, long now)
    {
        foreach (var source in _sources)
        {
            source.OnGranted(now, permitCount);
        }

        if (needsSlot && _slots != int.MaxValue)
        {
            _inFlight++;
        }

        _granted += permitCount;
        _successfulLeases++;
        if (!needsSlot || PausedUntil <= _probedPause)
        {
            return false;
        }

        // The first send after a pause goes alone: the server's answer to it says whether the budget is back.
        _probedPause = PausedUntil;
        _pauseProbeOut = true;
        return true;
    }

    private TimeSpan PauseLeft(long now) => PausedUntil > now ? _timeProvider.GetElapsedTime(now, PausedUntil) : TimeSpan.Zero;

    /// <summary>
    /// Timers, real or fake, work in whole milliseconds: a shorter wait would fire at once, find the bucket unchanged
    /// and wait again, spinning. So every wait is rounded up to at least one millisecond.
    /// </summary>
    private static TimeSpan WholeMilliseconds(double seconds)
        => TimeSpan.FromMilliseconds(Math.Clamp(Math.Ceiling(seconds * 1000), 1, MaxWaitMilliseconds));
}
