using AdherenceSync.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Tests.Redis;

public sealed class RedisBudgetOptionsTests
{
    public static TheoryData<string, Action<RedisBudgetOptions>, string> BadOptions => new()
    {
        { "no configuration", o => o.Configuration = null, "Configuration: The field RedisBudgetOptions.Configuration must be set to a StackExchange.Redis configuration string, such as localhost:6379, unless a connection multiplexer is given." },
        { "0 instances", o => o.ExpectedInstances = 0, "ExpectedInstances: The field RedisBudgetOptions.ExpectedInstances must be between 1 and 1000." },
        { "no prefix", o => o.KeyPrefix = string.Empty, "KeyPrefix: The RedisBudgetOptions.KeyPrefix field is required." },
        { "1 ms timeout", o => o.OperationTimeout = TimeSpan.FromMilliseconds(1), "OperationTimeout: The field RedisBudgetOptions.OperationTimeout must be between 00:00:00.0100000 and 00:00:30." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void ValidateOnStart_BadOption_FailsWithExactMessage(string label, Action<RedisBudgetOptions> breakIt, string expected)
    {
        Assert.NotEmpty(label);
        using var provider = CreateSut(o =>
        {
            o.Configuration = "127.0.0.1:6379";
            breakIt(o);
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(expected, Assert.Single(error.Failures));
    }

    [Fact]
    public void UseRedisBudget_ConfigurationSection_BindsEveryOption()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "redis.internal:6380",
            ["Redis:ExpectedInstances"] = "4",
            ["Redis:FallbackMode"] = "Stop",
            ["Redis:KeyPrefix"] = "contoso",
            ["Redis:ShareQueueBudgets"] = "false",
            ["Redis:OperationTimeout"] = "00:00:01",
            ["Redis:RecoveryInterval"] = "00:00:10",
        }).Build().GetSection("Redis");
        var services = new ServiceCollection();
        services.AddAdherenceSync("contoso", o => o.AccessToken = "t").UseRedisBudget(section);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<RedisBudgetOptions>>().Get("contoso");

        Assert.Equal(
            ("redis.internal:6380", 4, RedisFallbackMode.Stop, "contoso", false, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
            (options.Configuration, options.ExpectedInstances, options.FallbackMode, options.KeyPrefix, options.ShareQueueBudgets, options.OperationTimeout, options.RecoveryInterval));
    }

    private static ServiceProvider CreateSut(Action<RedisBudgetOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = new Uri("https://api.mypurecloud.com");
            o.AccessToken = "token";
        }).UseRedisBudget(configure);
        return services.BuildServiceProvider();
    }
}
