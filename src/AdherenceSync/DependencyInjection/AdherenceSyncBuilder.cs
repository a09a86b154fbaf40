namespace Microsoft.Extensions.DependencyInjection;

internal sealed class AdherenceSyncBuilder(string name, IServiceCollection services, IHttpClientBuilder httpClient) : IAdherenceSyncBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;

    public IHttpClientBuilder HttpClient { get; } = httpClient;
}
