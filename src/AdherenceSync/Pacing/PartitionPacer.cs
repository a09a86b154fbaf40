namespace AdherenceSync.Pacing;

/// <summary>
/// One budget (the client's, or one queue's): its limiter, the rate it was given (configured, or learned from headers),
/// and its adaptive rate. The limiter runs at the lower of the two once a throttle has switched adaptation on.
/// </summary>
internal sealed class PartitionPacer : IDisposable
{
    private readonly CubicRateController? _adaptive;
    private readonly Lock _gate = new();
    private double _baseRate;

    public PartitionPacer(string name, double baseRate, AdaptivePacingOptions adaptive, TimeSpan maxPauseWait, TimeProvider timeProvider, int? slots = null)
    {
        Name = name;
        _baseRate = baseRate;
        _adaptive = adaptive.Enabled ? new CubicRateController(adaptive, timeProvider) : null;
        Limiter = new PacingRateLimiter(name, timeProvider, baseRate, PacingConstants.BurstFor(baseRate), maxPauseWait, slots);
    }

    /// <summary>Gets the partition's name: <c>client</c>, or <c>queue:</c> and the queue's id.</summary>
    public string Name { get; }

    public PacingRateLimiter Limiter { get; }

    public CubicRateController? Adaptive => _adaptive;

    /// <summary>Gets the rate the limiter is held to now, in requests a second.</summary>
    public double EffectiveRate
    {
        get
        {
            lock (_gate)
            {
                return Effective();
            }
        }
    }

    /// <summary>Records an answer on this budget: a throttle drops the adaptive rate, a success lets it grow.</summary>
    public void OnAnswer(bool throttled)
    {
        if (_adaptive?.OnAnswer(throttled) is null)
        {
            return;
        }

        Apply(burstCap: null);
    }

    /// <summary>Sets the rate the budget is given (a learned one replaces the configured one).</summary>
    public void SetBaseRate(double rate, double? burstCap = null)
    {
        lock (_gate)
        {
            _baseRate = rate;
        }

        Apply(burstCap);
    }

    public void Dispose() => Limiter.Dispose();

    private void Apply(double? burstCap)
    {
        double rate;
        lock (_gate)
        {
            rate = Effective();
        }

        var burst = PacingConstants.BurstFor(rate);
        Limiter.SetRateIfChanged(rate, burstCap is { } cap ? Math.Min(burst, cap) : burst);
    }

    private double Effective() => _adaptive is { IsEnabled: true } adaptive ? Math.Min(_baseRate, adaptive.Rate) : _baseRate;
}
