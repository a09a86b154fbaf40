namespace AdherenceSync.Pacing;

/// <content>The token-bucket arithmetic; every member runs under <c>_gate</c>.</content>
internal sealed partial class PacingRateLimiter
{
    // Task.Delay accepts at most uint.MaxValue - 1 milliseconds.
    private const double MaxWaitMilliseconds = uint.MaxValue - 1d;

    private Decision DecideLocked(int permitCount, long now)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, (int)Math.Ceiling(_capacity));

        Refill(now);
        var pause = PauseRemainingCore(now);
        if (pause > TimeSpan.Zero)
        {
            return new(null, WholeMilliseconds(pause.TotalSeconds), Paused: true);
        }

        if (permitCount == 0 || _tokens >= permitCount || double.IsPositiveInfinity(_permitsPerSecond))
        {
            if (!double.IsPositiveInfinity(_permitsPerSecond))
            {
                _tokens -= permitCount;
            }

            _successfulLeases++;
            return new(PacingLease.Acquired, TimeSpan.Zero, Paused: false);
        }

        return new(null, WholeMilliseconds((permitCount - _tokens) / _permitsPerSecond), Paused: false);
    }

    /// <summary>
    /// Timers, real or fake, work in whole milliseconds: a shorter wait would fire at once, find the bucket unchanged
    /// and wait again, spinning. So every wait is rounded up to at least one millisecond.
    /// </summary>
    private static TimeSpan WholeMilliseconds(double seconds)
        => TimeSpan.FromMilliseconds(Math.Clamp(Math.Ceiling(seconds * 1000), 1, MaxWaitMilliseconds));

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

    private PacingLease Refuse(TimeSpan retryAfter, string reason)
    {
        _failedLeases++;
        return PacingLease.Rejected(retryAfter, reason);
    }

    private void SignalChangeLocked()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private async Task WaitAsync(TimeSpan wait, Task changed, CancellationToken cancellationToken)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _timeProvider, stopDelay.Token);
        await Task.WhenAny(delay, changed).ConfigureAwait(false);
        await stopDelay.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private readonly record struct Decision(PacingLease? Lease, TimeSpan Wait, bool Paused);
}
