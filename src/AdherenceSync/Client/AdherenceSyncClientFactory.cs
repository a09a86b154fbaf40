namespace AdherenceSync.Client;

/// <summary>Creates typed clients: the named <see cref="HttpClient"/> plus the long-lived services of that name.</summary>
internal sealed class AdherenceSyncClientFactory(
    IHttpClientFactory httpClientFactory, ClientServicesProvider servicesProvider, AdherenceSyncRegistry registry) : IAdherenceSyncClientFactory
{
    public IAdherenceSyncClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!registry.Names.Contains(name))
        {
            throw new InvalidOperationException(
                $"No AdherenceSync client is registered with the name '{name}'. Register it with services.AddAdherenceSync(\"{name}\", ...).");
        }

        return new AdherenceSyncClient(httpClientFactory.CreateClient(AdherenceSyncRegistry.HttpClientName(name)), servicesProvider.Get(name));
    }
}
