using AdherenceSync.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Tests.DependencyInjection;

public sealed class AdherenceSyncServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAdherenceSync_NoArguments_UsesOptionsConfiguredElsewhere()
    {
        var services = new ServiceCollection();
        services.Configure<AdherenceSyncOptions>(o =>
        {
            o.BaseAddress = new Uri("https://api.mypurecloud.de");
            o.AccessToken = "t";
            o.BatchSize = 7;
        });

        var builder = services.AddAdherenceSync();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(string.Empty, builder.Name);
        Assert.Equal(7, provider.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>().Get(builder.Name).BatchSize);
        Assert.IsType<AdherenceSyncClient>(provider.GetRequiredService<IAdherenceSyncClient>());
    }

    [Fact]
    public void AddAdherenceSync_ConfigurationSection_BindsNestedOptionsAndTimeSpans()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AdherenceSync:BaseAddress"] = "https://api.mypurecloud.jp",
            ["AdherenceSync:AccessToken"] = "t",
            ["AdherenceSync:MaxParallelQueues"] = "4",
            ["AdherenceSync:Pacing:RequestsPerMinute"] = "120",
            ["AdherenceSync:Pacing:QueueRequestsPerMinute"] = "30",
            ["AdherenceSync:Retry:MaxAttempts"] = "3",
            ["AdherenceSync:Retry:AttemptTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();

        services.AddAdherenceSync(configuration.GetSection("AdherenceSync"));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<AdherenceSyncOptions>>().Value;

        Assert.Equal(new Uri("https://api.mypurecloud.jp"), options.BaseAddress);
        Assert.Equal(4, options.MaxParallelQueues);
        Assert.Equal(120, options.Pacing.RequestsPerMinute);
        Assert.Equal(30, options.Pacing.QueueRequestsPerMinute);
        Assert.Equal(3, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.AttemptTimeout);
    }

    [Fact]
    public void AddAdherenceSync_HttpClient_LeavesTimeoutsToPollyAndEndsTheBaseAddressWithASlash()
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = new Uri("https://api.mypurecloud.com.au/some/prefix");
            o.AccessToken = "t";
        });
        using var provider = services.BuildServiceProvider();

        using var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(AdherenceSyncRegistry.HttpClientName(string.Empty));

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        Assert.Equal(new Uri("https://api.mypurecloud.com.au/some/prefix/"), http.BaseAddress);
    }

    [Fact]
    public void AddAdherenceSync_Named_EachNameHasItsOwnOptionsAndBudgets()
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync("contoso", o => Configure(o, 100));
        services.AddAdherenceSync("fabrikam", o => Configure(o, 200));
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IAdherenceSyncClientFactory>();
        Assert.NotNull(factory.CreateClient("contoso"));
        Assert.NotNull(provider.GetRequiredKeyedService<IAdherenceSyncClient>("fabrikam"));

        var budgets = provider.GetRequiredService<ClientServicesProvider>();
        Assert.Equal(100 / 60d, budgets.Get("contoso").Pacing.Client.PermitsPerSecond, 6);
        Assert.Equal(200 / 60d, budgets.Get("fabrikam").Pacing.Client.PermitsPerSecond, 6);
        Assert.NotSame(budgets.Get("contoso").Pacing, budgets.Get("fabrikam").Pacing);
        Assert.Same(budgets.Get("contoso").Pacing, budgets.Get("contoso").Pacing);
    }

    [Fact]
    public void CreateClient_UnknownName_ThrowsNamingTheMissingRegistration()
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync("contoso", o => Configure(o, 100));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IAdherenceSyncClientFactory>().CreateClient("nope"));

        Assert.Equal("No AdherenceSync client is registered with the name 'nope'. Register it with services.AddAdherenceSync(\"nope\", ...).", error.Message);
    }

    [Fact]
    public void AddAdherenceSync_CalledTwice_RegistersEachValidatorOnce()
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync(o => Configure(o, 100));
        services.AddAdherenceSync("other", o => Configure(o, 100));

        // One validator runs the generated DataAnnotations checks and the cross-option rules, naming the registration.
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<AdherenceSyncOptions>) && d.ImplementationType == typeof(AdherenceSync.DependencyInjection.RegistrationOptionsValidator));
        Assert.Single(services, d => d.ServiceType == typeof(IAdherenceSyncClientFactory));
    }

    [Fact]
    public void AddAdherenceSync_LoggingAddedAfterIt_LoggerFactoryIsTheApplicationsAndLogsArrive()
    {
        using var logs = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddAdherenceSync(o => Configure(o, 100));
        services.AddLogging(b => b.AddProvider(logs));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILoggerFactory>().CreateLogger("AdherenceSync").LogWarning("reached");

        Assert.Equal(["reached"], logs.Collector.GetSnapshot().Select(r => r.Message));
    }

    private static void Configure(AdherenceSyncOptions options, int requestsPerMinute)
    {
        options.BaseAddress = new Uri("https://api.mypurecloud.com");
        options.AccessToken = "t";
        options.Pacing.RequestsPerMinute = requestsPerMinute;
    }
}
