namespace AdherenceSync.Pacing;

/// <summary>
/// A token bucket: a rate in permits a second and a burst, refilled lazily from the clock. With an infinite rate it
/// allows everything. Used for the configured ceiling, and for a token bucket the headers show.
/// </summary>
internal sealed class RateSource : PacingSource
{
    private readonly TimeProvider _timeProvider;
    private long _lastRefill;

    public RateSource(TimeProvider timeProvider, double permitsPerSecond, double capacity)
    {
        _timeProvider = timeProvider;
        PermitsPerSecond = permitsPerSecond;
        Capacity = Math.Max(1, capacity);
        Tokens = Capacity;
        _lastRefill = timeProvider.GetTimestamp();
    }

    public double PermitsPerSecond { get; private set; }

    public double Capacity { get; private set; }

    public double Tokens { get; private set; }

    public bool IsUnlimited => double.IsPositiveInfinity(PermitsPerSecond);

    /// <summary>Changes the rate and the burst; the tokens already in the bucket stay, up to the new burst.</summary>
    public void SetRate(double permitsPerSecond, double capacity, long now)
    {
        Refill(now);
        PermitsPerSecond = permitsPerSecond;
        Capacity = Math.Max(1, capacity);
        Tokens = Math.Min(Tokens, Capacity);
    }

    /// <summary>Takes a level someone else measured: <paramref name="tokens"/> at <paramref name="at"/>, refilled from there.</summary>
    public void Observe(double tokens, long at)
    {
        Tokens = tokens;
        _lastRefill = at;
    }

    public override long AllowedAt(long now, int permits)
    {
        if (permits > Math.Ceiling(Capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(permits), permits, $"More permits than the bucket holds ({Capacity}).");
        }

        Refill(now);
        if (permits == 0 || IsUnlimited || Tokens >= permits)
        {
            return now;
        }

        if (PermitsPerSecond <= 0)
        {
            return long.MaxValue;
        }

        var seconds = (permits - Tokens) / PermitsPerSecond;
        return now + (long)Math.Min(Math.Ceiling(seconds * _timeProvider.TimestampFrequency), long.MaxValue / 2d);
    }

    public override void OnGranted(long now, int permits)
    {
        if (!IsUnlimited)
        {
            Tokens -= permits;
        }
    }

    private void Refill(long now)
    {
        if (now <= _lastRefill)
        {
            return;
        }

        Tokens = IsUnlimited ? Capacity : Math.Min(Capacity, Tokens + (_timeProvider.GetElapsedTime(_lastRefill, now).TotalSeconds * PermitsPerSecond));
        _lastRefill = now;
    }
}
