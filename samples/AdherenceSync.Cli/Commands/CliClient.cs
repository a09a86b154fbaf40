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

    /// <summary>Gets the factory that created the client's meter, which tells its measurements apart from any other's.</summary>
    public System.Diagnostics.Metrics.IMeterFactory MeterFactory => _provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static CliClient Create(Action<AdherenceSyncOptions> configure, CliEnvironment environment)
        => Create(services => services.AddAdherenceSync(configure), environment);

    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A setting could not be converted to its option's type.</exception>
    public static CliClient Create(Microsoft.Extensions.Configuration.IConfigurationSection section, CliEnvironment environment)
        => Create(services =>
        {
            var builder = services.AddAdherenceSync(section);
            var redis = section.GetSection(RedisSection);
            return string.IsNullOrWhiteSpace(redis[nameof(AdherenceSync.Redis.RedisBudgetOptions.Configuration)]) ? builder : builder.UseRedisBudget(redis);
        }, environment);

    /// <summary>The settings section, under <c>AdherenceSync</c>, of the budget shared through Redis.</summary>
    public const string RedisSection = "Redis";

    private static CliClient Create(Func<IServiceCollection, IAdherenceSyncBuilder> register, CliEnvironment environment)
    {
        var services = new ServiceCollection();
        services.AddSingleton(environment.TimeProvider);
        var builder = register(services);
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
