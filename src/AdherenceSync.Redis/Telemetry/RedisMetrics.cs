using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AdherenceSync.Redis.Telemetry;

/// <summary>
/// The shared budget's instruments, on the <c>AdherenceSync</c> meter: how often a client fell back to local pacing, and
/// whether it paces locally now.
/// </summary>
internal sealed class RedisMetrics : IDisposable
{
    public const string Fallbacks = "adherencesync.redis.fallbacks";
    public const string FallbackActive = "adherencesync.redis.fallback.active";
    private const string ClientTag = "adherencesync.client";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _fallbacks;
    private readonly ConcurrentDictionary<string, Func<bool>> _active = new(StringComparer.Ordinal);

    public RedisMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create("AdherenceSync") ?? new Meter("AdherenceSync");
        _fallbacks = _meter.CreateCounter<long>(Fallbacks, "{event}", "Times a client's shared budget fell back to local pacing because Redis was unreachable or slow.");
        _meter.CreateObservableGauge(FallbackActive, Observe, "{client}", "1 while a client paces locally because Redis is unavailable, else 0.");
    }

    public void FellBack(string client) => _fallbacks.Add(1, new TagList { { ClientTag, client } });

    public void Track(string client, Func<bool> inFallback) => _active[client] = inFallback;

    public void Untrack(string client) => _active.TryRemove(client, out _);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> Observe()
        => _active.Select(a => new Measurement<int>(a.Value() ? 1 : 0, new TagList { { ClientTag, a.Key } }));
}
