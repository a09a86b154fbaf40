using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AdherenceSync.Telemetry;

/// <summary>
/// The library's instruments, on one <see cref="Meter"/> named <c>AdherenceSync</c>, created from the container's
/// <see cref="IMeterFactory"/> when there is one. Every measurement carries the client's registration name.
/// </summary>
internal sealed partial class AdherenceSyncMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly ConcurrentDictionary<string, Func<IEnumerable<(string Partition, double Rate)>>> _rates = new(StringComparer.Ordinal);

    public AdherenceSyncMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TelemetryNames.Source) ?? new Meter(TelemetryNames.Source);
        Rows = _meter.CreateCounter<long>(TelemetryNames.Rows, "{row}", "Rows that reached an outcome, by outcome.");
        Requests = _meter.CreateCounter<long>(TelemetryNames.Requests, "{request}", "Requests answered or failed, by endpoint and status class.");
        Throttled = _meter.CreateCounter<long>(TelemetryNames.Throttled, "{response}", "Answers 429 Too Many Requests, by endpoint.");
        ThrottledUnexplained = _meter.CreateCounter<long>(
            TelemetryNames.ThrottledUnexplained, "{response}", "Answers 429 that no budget the client knows explains (random, or another's): honoured, but they teach pacing nothing.");
        PacingWait = _meter.CreateHistogram<double>(TelemetryNames.PacingWait, "s", "Time spent waiting for a send permit, a Retry-After or a backoff delay.");
        Retries = _meter.CreateCounter<long>(TelemetryNames.Retries, "{retry}", "Requests sent again after a transient failure, by endpoint.");
        _meter.CreateObservableGauge(TelemetryNames.Rate, ObserveRates, "{request}/s", "The rate each pacing partition is held to now (the client's shared budget and each queue's).");
    }

    public Counter<long> Rows { get; }

    public Counter<long> Requests { get; }

    public Counter<long> Throttled { get; }

    public Counter<long> ThrottledUnexplained { get; }

    public Histogram<double> PacingWait { get; }

    public Counter<long> Retries { get; }

    /// <summary>Reports the rates of a client's pacing partitions through <c>adherencesync.rate</c>.</summary>
    public void RegisterRates(string client, Func<IEnumerable<(string Partition, double Rate)>> rates) => _rates[client] = rates;

    public void UnregisterRates(string client) => _rates.TryRemove(client, out _);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<double>> ObserveRates()
    {
        foreach (var (client, rates) in _rates)
        {
            foreach (var (partition, rate) in rates())
            {
                if (double.IsFinite(rate))
                {
                    yield return new(rate, new TagList { { TelemetryNames.ClientTag, client }, { TelemetryNames.PartitionTag, partition } });
                }
            }
        }
    }
}
