using AdherenceSync;
using AdherenceSync.Authentication;
using AdherenceSync.Client;
using AdherenceSync.Telemetry;
using AdherenceSync.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers AdherenceSync clients.
/// </summary>
public static class AdherenceSyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default AdherenceSync client, configured elsewhere (for example with <c>services.Configure&lt;AdherenceSyncOptions&gt;</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to configure the registration further.</returns>
    public static IAdherenceSyncBuilder AddAdherenceSync(this IServiceCollection services)
        => AddAdherenceSyncCore(services, Options.Options.DefaultName);

    /// <summary>
    /// Registers the default AdherenceSync client and configures its options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder to configure the registration further.</returns>
    public static IAdherenceSyncBuilder AddAdherenceSync(this IServiceCollection services, Action<AdherenceSyncOptions> configure)
        => services.AddAdherenceSync(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers the default AdherenceSync client and binds its options to a configuration section.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, such as <c>configuration.GetSection("AdherenceSync")</c>.</param>
    /// <returns>A builder to configure the registration further.</returns>
    public static IAdherenceSyncBuilder AddAdherenceSync(this IServiceCollection services, IConfigurationSection section)
        => services.AddAdherenceSync(Options.Options.DefaultName, section);

    /// <summary>
    /// Registers a named AdherenceSync client, such as one per organisation, and configures its options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration name. Get its client from <see cref="IAdherenceSyncClientFactory"/> or as a keyed service.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder to configure the registration further.</returns>
    public static IAdherenceSyncBuilder AddAdherenceSync(this IServiceCollection services, string name, Action<AdherenceSyncOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddAdherenceSyncCore(services, name);
        services.Configure(name, configure);
        return builder;
    }

    /// <summary>
    /// Registers a named AdherenceSync client, such as one per organisation, and binds its options to a configuration section.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration name. Get its client from <see cref="IAdherenceSyncClientFactory"/> or as a keyed service.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>A builder to configure the registration further.</returns>
    public static IAdherenceSyncBuilder AddAdherenceSync(this IServiceCollection services, string name, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = AddAdherenceSyncCore(services, name);
        services.AddOptions<AdherenceSyncOptions>(name).Bind(section);
        return builder;
    }

    private static AdherenceSyncBuilder AddAdherenceSyncCore(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);

        services.AddOptionsWithValidateOnStart<AdherenceSyncOptions>(name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdherenceSyncOptions>, RegistrationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(static sp => new AdherenceSyncMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ClientServicesProvider>();
        services.TryAddSingleton<IAdherenceSyncClientFactory, AdherenceSyncClientFactory>();
        GetOrAddRegistry(services).Names.Add(name);

        var httpClient = services
            .AddHttpClient(AdherenceSyncRegistry.HttpClientName(name))
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>().Get(name);
                client.BaseAddress = WithTrailingSlash(options.ApiBase);

                // Polly owns every timeout: the per-attempt timeout of the pipeline.
                client.Timeout = Timeout.InfiniteTimeSpan;
                UserAgent.Apply(client.DefaultRequestHeaders, options.ApplicationName);
            })
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)

            // IHttpClientFactory's Trace logging hands structured loggers the raw header values, the bearer token's
            // included, whatever RedactLoggedHeaders says; the client logs its own requests instead, without headers.
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => sp.GetRequiredService<ClientServicesProvider>().Get(name).CreateTokenHandler())

            // Inside the token handler, so that it knows the token each request carried and strips it from the answer.
            .AddHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>();
                return new SecretRedactingHandler(() =>
                {
                    var current = options.Get(name);
                    return [current.AccessToken, current.ClientCredentials.ClientId, current.ClientCredentials.ClientSecret];
                });
            });

        // Sign-in and download links get a client of their own: outside the pipeline and its budgets, and with no token
        // handler, so that a download link on another host never receives the bearer token.
        services
            .AddHttpClient(AdherenceSyncRegistry.PlainHttpClientName(name))
            .ConfigureHttpClient((sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                UserAgent.Apply(client.DefaultRequestHeaders, sp.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>().Get(name).ApplicationName);
            })
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .RemoveAllLoggers();

        services.TryAddKeyedTransient<IAdherenceSyncClient>(name, static (sp, key) => sp.GetRequiredService<IAdherenceSyncClientFactory>().CreateClient((string)key!));
        if (name.Length == 0)
        {
            services.TryAddTransient<IAdherenceSyncClient>(static sp => sp.GetRequiredService<IAdherenceSyncClientFactory>().CreateClient(Options.Options.DefaultName));
        }

        return new AdherenceSyncBuilder(name, services, httpClient);
    }

    private static AdherenceSyncRegistry GetOrAddRegistry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(AdherenceSyncRegistry) && !d.IsKeyedService)?.ImplementationInstance;
        if (existing is AdherenceSyncRegistry registry)
        {
            return registry;
        }

        registry = new AdherenceSyncRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // A redirected POST would become a GET, and could carry credentials to another host: surface 3xx instead.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static Uri? WithTrailingSlash(Uri? uri)
        => uri is null || uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
