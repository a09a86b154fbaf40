using System.Globalization;

namespace AdherenceSync.Testing.Budgets;

/// <summary>
/// Genesys Cloud's model: a number of requests per fixed window, the first window starting at the first request. Its
/// headers are Genesys': <c>inin-ratelimit-count</c>, <c>-allowed</c> and <c>-reset</c> (whole seconds until the window resets).
/// </summary>
internal sealed class SimulatorFixedWindow(int allowed, TimeSpan length) : ISimulatorBudget
{
    public ISimulatorBudget Resize(int perMinute, DateTimeOffset now)
    {
        allowed = (int)Math.Max(1, Math.Round(perMinute * length.TotalSeconds / 60));
        return this;
    }

    private DateTimeOffset? _end;
    private int _count;

    public bool TryTake(DateTimeOffset now, out TimeSpan wait)
    {
        Roll(now);
        if (_count < allowed)
        {
            _count++;
            wait = TimeSpan.Zero;
            return true;
        }

        wait = _end!.Value - now;
        return false;
    }

    public IEnumerable<KeyValuePair<string, string>> Headers(DateTimeOffset now)
    {
        Roll(now);
        yield return new("inin-ratelimit-count", _count.ToString(CultureInfo.InvariantCulture));
        yield return new("inin-ratelimit-allowed", allowed.ToString(CultureInfo.InvariantCulture));
        yield return new("inin-ratelimit-reset", Math.Ceiling((_end!.Value - now).TotalSeconds).ToString(CultureInfo.InvariantCulture));
    }

    private void Roll(DateTimeOffset now)
    {
        if (_end is null)
        {
            _end = now + length;
            return;
        }

        while (now >= _end)
        {
            _end += length;
            _count = 0;
        }
    }
}
