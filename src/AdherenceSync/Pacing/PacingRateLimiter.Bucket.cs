namespace AdherenceSync.Pacing;

/// <content>The token-bucket arithmetic; every member runs under <c>_gate</c>.</content>
internal sealed partial class PacingRateLimiter
{
    // Task.Delay and timers accept at most uint.MaxValue - 1 milliseconds.
    private const double MaxWaitMilliseconds = uint.MaxValue - 1d;

    /// <summary>Whether a send may go now, and if not, for how long it is held (null: until a slot frees).</summary>
    private readonly record struct Check(bool Allowed, TimeSpan? Wait, bool Paused);

    private Check CheckLocked(int permitCount, bool needsSlot, long now)
    {
        if (permitCount > Math.Ceiling(_capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"More permits than the '{Name}' bucket holds ({_capacity}).");
        }

        Refill(now);
        var pause = PauseRemainingCore(now);
        if (pause > TimeSpan.Zero)
        {
            return new(false, WholeMilliseconds(pause.TotalSeconds), Paused: true);
        }

        if (needsSlot && _inFlight >= _slots)
        {
            return new(false, null, Paused: false);
        }

        if (permitCount == 0 || double.IsPositiveInfinity(_permitsPerSecond) || _tokens >= permitCount)
        {
            return new(true, TimeSpan.Zero, Paused: false);
        }

        return new(false, WholeMilliseconds((permitCount - _tokens) / _permitsPerSecond), Paused: false);
    }

    private void TakeLocked(int permitCount, bool needsSlot)
    {
        if (!double.IsPositiveInfinity(_permitsPerSecond))
        {
            _tokens -= permitCount;
        }

        if (needsSlot && _slots != int.MaxValue)
        {
            _inFlight++;
        }

        _successfulLeases++;
    }

    private void Refill(long now)
    {
        if (now <= _lastRefill)
        {
            return;
        }

        if (double.IsPositiveInfinity(_permitsPerSecond))
        {
            _tokens = _capacity;
        }
        else
        {
            var elapsed = _timeProvider.GetElapsedTime(_lastRefill, now).TotalSeconds;
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _permitsPerSecond));
        }

        _lastRefill = now;
    }

    private TimeSpan PauseRemainingCore(long now)
        => _pausedUntil > now ? _timeProvider.GetElapsedTime(now, _pausedUntil) : TimeSpan.Zero;

    /// <summary>
    /// Timers, real or fake, work in whole milliseconds: a shorter wait would fire at once, find the bucket unchanged
    /// and wait again, spinning. So every wait is rounded up to at least one millisecond.
    /// </summary>
    private static TimeSpan WholeMilliseconds(double seconds)
        => TimeSpan.FromMilliseconds(Math.Clamp(Math.Ceiling(seconds * 1000), 1, MaxWaitMilliseconds));
}
