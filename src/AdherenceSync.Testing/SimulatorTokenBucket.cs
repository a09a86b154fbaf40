namespace AdherenceSync.Testing;

/// <summary>A server-side token bucket on the simulator's clock. Callers hold the simulator's lock.</summary>
internal sealed class SimulatorTokenBucket
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private DateTimeOffset _last;

    public SimulatorTokenBucket(double perSecond, double capacity, DateTimeOffset now)
    {
        _perSecond = perSecond;
        _capacity = capacity;
        _tokens = capacity;
        _last = now;
    }

    public double Capacity => _capacity;

    public double PerSecond => _perSecond;

    /// <summary>Takes a token, or says how long until one is there.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan wait)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }

        wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
        return false;
    }

    /// <summary>How many tokens are left now.</summary>
    public double Remaining(DateTimeOffset now)
    {
        Refill(now);
        return _tokens;
    }

    /// <summary>How long until the bucket is full again.</summary>
    public TimeSpan UntilFull(DateTimeOffset now)
    {
        Refill(now);
        return TimeSpan.FromSeconds((_capacity - _tokens) / _perSecond);
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_capacity, _tokens + ((now - _last).TotalSeconds * _perSecond));
            _last = now;
        }
    }
}
