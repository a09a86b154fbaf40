using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Push;

/// <summary>What hears about a row's requests: the client's metrics and its logger.</summary>
/// <param name="Telemetry">The client's instruments.</param>
/// <param name="Logger">The client's logger.</param>
internal sealed record RowObservers(ClientTelemetry Telemetry, ILogger Logger);
