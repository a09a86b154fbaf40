using System.Collections.Concurrent;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Client;

/// <summary>
/// Holds the <see cref="ClientServices"/> of every registration name for the container's lifetime, and disposes them.
/// </summary>
internal sealed class ClientServicesProvider(
    IOptionsMonitor<AdherenceSyncOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory, IHttpClientFactory httpClientFactory, AdherenceSyncMetrics metrics) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ClientServices>> _services = new(StringComparer.Ordinal);

    public ClientServices Get(string name)
        => _services.GetOrAdd(name, key => new Lazy<ClientServices>(
            () => new ClientServices(key, options.Get(key), timeProvider, loggerFactory,
                () => httpClientFactory.CreateClient(AdherenceSyncRegistry.PlainHttpClientName(key)), metrics: metrics))).Value;

    public void Dispose()
    {
        foreach (var services in _services.Values.Where(s => s.IsValueCreated))
        {
            services.Value.Dispose();
        }
    }
}
