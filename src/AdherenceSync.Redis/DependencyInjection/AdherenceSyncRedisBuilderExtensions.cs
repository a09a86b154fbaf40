using AdherenceSync;
using AdherenceSync.Redis;
using AdherenceSync.Redis.Budget;
using AdherenceSync.Redis.Telemetry;
using AdherenceSync.Redis.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Shares an AdherenceSync client's rate budget with the other instances of a service through Redis.
/// </summary>
public static class AdherenceSyncRedisBuilderExtensions
{
    /// <summary>
    /// Shares the client's budget through the Redis at <paramref name="configuration"/>.
    /// </summary>
    /// <param name="builder">The AdherenceSync registration.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>.</param>
    /// <returns>The same builder.</returns>
    public static IAdherenceSyncBuilder UseRedisBudget(this IAdherenceSyncBuilder builder, string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return builder.UseRedisBudget(o => o.Configuration = configuration);
    }

    /// <summary>
    /// Shares the client's budget through a Redis connection the application already has. The connection is not disposed.
    /// </summary>
    /// <param name="builder">The AdherenceSync registration.</param>
    /// <param name="connection">The connection multiplexer.</param>
    /// <returns>The same builder.</returns>
    public static IAdherenceSyncBuilder UseRedisBudget(this IAdherenceSyncBuilder builder, IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseRedisBudget(o => o.Connection = connection);
    }

    /// <summary>
    /// Shares the client's budget through Redis, with options.
    /// </summary>
    /// <param name="builder">The AdherenceSync registration.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The same builder.</returns>
    public static IAdherenceSyncBuilder UseRedisBudget(this IAdherenceSyncBuilder builder, Action<RedisBudgetOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return UseRedisBudgetCore(builder);
    }

    /// <summary>
    /// Shares the client's budget through Redis, with options bound to a configuration section.
    /// </summary>
    /// <param name="builder">The AdherenceSync registration.</param>
    /// <param name="section">The configuration section, such as <c>configuration.GetSection("AdherenceSync:Redis")</c>.</param>
    /// <returns>The same builder.</returns>
    public static IAdherenceSyncBuilder UseRedisBudget(this IAdherenceSyncBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<RedisBudgetOptions>(builder.Name).Bind(section);
        return UseRedisBudgetCore(builder);
    }

    private static IAdherenceSyncBuilder UseRedisBudgetCore(IAdherenceSyncBuilder builder)
    {
        var services = builder.Services;
        var name = builder.Name;
        services.AddOptionsWithValidateOnStart<RedisBudgetOptions>(name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisBudgetOptions>, RedisBudgetOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisBudgetOptions>, RedisBudgetOptionsCustomValidator>());
        services.TryAddSingleton(static sp => new RedisMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddKeyedSingleton(name, static (sp, key) => new RedisConnection(sp.GetRequiredService<IOptionsMonitor<RedisBudgetOptions>>().Get((string)key!)));
        services.AddOptions<AdherenceSyncOptions>(name).Configure<IServiceProvider>((options, sp) => options.SharedBudget = client => new RedisSharedBudget(
            client,
            options,
            sp.GetRequiredService<IOptionsMonitor<RedisBudgetOptions>>().Get(client),
            sp.GetRequiredKeyedService<RedisConnection>(client),
            sp.GetRequiredService<RedisMetrics>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            (sp.GetService<ILoggerFactory>() ?? Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("AdherenceSync.Redis")));
        return builder;
    }
}
