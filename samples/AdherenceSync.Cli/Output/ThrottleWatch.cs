using System.Diagnostics.Metrics;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// Reads the library's own published instruments (<c>adherencesync.throttled</c>, <c>adherencesync.pacing.wait</c>)
/// for one client, identified by the <see cref="IMeterFactory"/> that created its meter.
/// </summary>
internal sealed class ThrottleWatch : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _throttled;
    private long _waitedTicks;

    public ThrottleWatch(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AdherenceSync" && ReferenceEquals(instrument.Meter.Scope, scope)
                && instrument.Name is "adherencesync.throttled" or "adherencesync.pacing.wait")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _throttled, value));
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Interlocked.Add(ref _waitedTicks, TimeSpan.FromSeconds(seconds).Ticks));
        _listener.Start();
    }

    /// <summary>Gets the number of 429 answers so far.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Gets the time spent waiting for permits, Retry-After and backoff, summed over requests that waited at once.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    public void Dispose() => _listener.Dispose();
}
