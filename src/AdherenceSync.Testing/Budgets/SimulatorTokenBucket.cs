using System.Globalization;

namespace AdherenceSync.Testing.Budgets;

/// <summary>
/// A server-side token bucket on the simulator's clock. Its headers are the IETF draft's: <c>RateLimit-Policy: q=burst;w=s</c>
/// (a full bucket refills in w seconds) and <c>RateLimit: r=left;t=seconds until full</c>.
/// </summary>
internal sealed class SimulatorTokenBucket : ISimulatorBudget
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

    public ISimulatorBudget Resize(int perMinute, DateTimeOffset now)
    {
        Refill(now);
        var perSecond = perMinute / 60d;
        var capacity = Math.Max(1, Math.Floor(perSecond));
        return new SimulatorTokenBucket(perSecond, capacity, now) { _tokens = Math.Min(_tokens, capacity) };
    }

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

    public IEnumerable<KeyValuePair<string, string>> Headers(DateTimeOffset now)
    {
        Refill(now);
        var window = _capacity / _perSecond;
        var untilFull = (_capacity - _tokens) / _perSecond;
        yield return new("RateLimit-Policy", string.Create(CultureInfo.InvariantCulture, $"\"default\";q={_capacity:0};w={window:0.###}"));
        yield return new("RateLimit", string.Create(CultureInfo.InvariantCulture, $"\"default\";r={Math.Floor(_tokens):0};t={Math.Ceiling(untilFull * 1000) / 1000:0.###}"));
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
