using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Cli.Commands;

/// <summary>Builds an <see cref="IAdherenceSyncClient"/> the way a service would: through DI, validated on start.</summary>
internal sealed class CliClient : IDisposable
{
    private readonly ServiceProvider _provider;

    private CliClient(ServiceProvider provider, IAdherenceSyncClient client)
    {
        _provider = provider;
        Client = client;
    }

    public IAdherenceSyncClient Client { get; }

    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static CliClient Create(Action<AdherenceSyncOptions> configure, CliEnvironment environment)
    {
        var services = new ServiceCollection();
        services.AddSingleton(environment.TimeProvider);
        var builder = services.AddAdherenceSync(configure);
        environment.ConfigureClient?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new CliClient(provider, provider.GetRequiredService<IAdherenceSyncClient>());
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose() => _provider.Dispose();
}
