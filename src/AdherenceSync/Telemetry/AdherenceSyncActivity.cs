using System.Diagnostics;

namespace AdherenceSync.Telemetry;

/// <summary>The library's <see cref="ActivitySource"/>: one span per push, per batch and per request.</summary>
internal static class AdherenceSyncActivity
{
    public static readonly ActivitySource Source = new(TelemetryNames.Source, typeof(AdherenceSyncActivity).Assembly.GetName().Version?.ToString());
}
