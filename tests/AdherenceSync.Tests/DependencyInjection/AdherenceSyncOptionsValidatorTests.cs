using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Tests.DependencyInjection;

public sealed class AdherenceSyncOptionsValidatorTests
{
    public static TheoryData<string, Action<AdherenceSyncOptions>, string> BadOptions => new()
    {
        { "application name", o => o.ApplicationName = "Contoso/1 (x", "ApplicationName: The field AdherenceSyncOptions.ApplicationName ('Contoso/1 (x') must be one or more User-Agent product tokens, such as Contoso.Exporter/2.1." },
        { "batch size 0", o => o.BatchSize = 0, "BatchSize: The field AdherenceSyncOptions.BatchSize must be between 1 and 100." },
        { "batch size 101", o => o.BatchSize = 101, "BatchSize: The field AdherenceSyncOptions.BatchSize must be between 1 and 100." },
        { "17 queues", o => o.MaxParallelQueues = 17, "MaxParallelQueues: The field AdherenceSyncOptions.MaxParallelQueues must be between 1 and 16." },
        { "6 attempts", o => o.Retry.MaxAttempts = 6, "MaxAttempts: The field AdherenceSyncOptions.Retry.MaxAttempts must be between 1 and 5." },
        { "31 s max delay", o => o.Retry.MaxDelay = TimeSpan.FromSeconds(31), "MaxDelay: The field AdherenceSyncOptions.Retry.MaxDelay must be between 00:00:00.0010000 and 00:00:30." },
        { "no rate", o => o.Pacing.RequestsPerMinute = 0, "RequestsPerMinute: The field AdherenceSyncOptions.Pacing.RequestsPerMinute must be between 1 and 1000000." },
        { "no queue rate", o => o.Pacing.QueueRequestsPerMinute = 0, "QueueRequestsPerMinute: The field AdherenceSyncOptions.Pacing.QueueRequestsPerMinute must be between 1 and 1000000." },
        { "budget 0", o => o.Retry.Budget.Capacity = 0, "Capacity: The field AdherenceSyncOptions.Retry.Budget.Capacity must be between 1 and 1000000." },
        { "no base address", o => o.BaseAddress = null, "BaseAddress: The field AdherenceSyncOptions.BaseAddress must be set to the WFM API's base URL, such as https://api.mypurecloud.com, or Region to a Genesys Cloud region." },
        { "plain http", o => o.BaseAddress = new Uri("http://api.mypurecloud.com"), "BaseAddress: The field AdherenceSyncOptions.BaseAddress must use https:// for a host that is not loopback (was 'http://api.mypurecloud.com/')." },
        { "ftp", o => o.BaseAddress = new Uri("ftp://example.com"), "BaseAddress: The field AdherenceSyncOptions.BaseAddress must be an absolute http:// or https:// URL (was 'ftp://example.com/')." },
        { "no token", o => o.AccessToken = " ", "AccessToken: The field AdherenceSyncOptions.AccessToken must be set to a bearer token, or ClientCredentials.ClientId and ClientCredentials.ClientSecret must be set." },
        { "newline inside the token", o => o.AccessToken = "abc\ndef", "AccessToken: The field AdherenceSyncOptions.AccessToken must hold only visible ASCII characters, as a bearer token does: it cannot be sent in the Authorization header." },
        { "non-ASCII token", o => o.AccessToken = "tökén", "AccessToken: The field AdherenceSyncOptions.AccessToken must hold only visible ASCII characters, as a bearer token does: it cannot be sent in the Authorization header." },
        { "newline inside the secret", o => { o.AccessToken = null; o.ClientCredentials.ClientId = "id"; o.ClientCredentials.ClientSecret = "se\r\ncret"; }, "ClientSecret: The field AdherenceSyncOptions.ClientCredentials.ClientSecret must not hold control characters such as a newline." },
        { "base above max delay", o => o.Retry.BaseDelay = TimeSpan.FromSeconds(20), "BaseDelay: The field AdherenceSyncOptions.Retry.BaseDelay (00:00:20) must not be greater than AdherenceSyncOptions.Retry.MaxDelay (00:00:10)." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void ValidateOnStart_BadOption_FailsWithExactMessage(string label, Action<AdherenceSyncOptions> breakIt, string expected)
    {
        Assert.NotEmpty(label);
        using var provider = CreateSut(o =>
        {
            o.Retry.MaxDelay = TimeSpan.FromSeconds(10);
            breakIt(o);
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(expected, Assert.Single(error.Failures));
    }

    [Fact]
    public void ValidateOnStart_GoodOptions_Passes()
    {
        using var provider = CreateSut(_ => { });

        var error = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(error);
        Assert.IsType<AdherenceSync.Client.AdherenceSyncClient>(provider.GetRequiredService<IAdherenceSyncClient>());
        Assert.Equal(new Uri("https://api.mypurecloud.ie"), provider.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>().Get(string.Empty).BaseAddress);
    }

    [Fact]
    public void ValidateOnStart_LoopbackHttp_IsAllowedForASimulator()
    {
        using var provider = CreateSut(o => o.BaseAddress = new Uri("http://127.0.0.1:5000"));

        var error = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(error);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), provider.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>().Get(string.Empty).BaseAddress);
    }

    [Fact]
    public void AccessToken_SurroundingWhitespace_IsTrimmedAndValid()
    {
        using var provider = CreateSut(o =>
        {
            o.AccessToken = "  token-from-a-file\r\n";
            o.ClientCredentials.ClientId = " id\n";
            o.ClientCredentials.ClientSecret = "secret\n";
        });

        var error = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(error);
        var options = provider.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>().Get(string.Empty);
        Assert.Equal("token-from-a-file", options.AccessToken);
        Assert.Equal("id", options.ClientCredentials.ClientId);
        Assert.Equal("secret", options.ClientCredentials.ClientSecret);
    }

    [Fact]
    public void ValidateOnStart_SeveralProblems_ReportsEach()
    {
        using var provider = CreateSut(o =>
        {
            o.BatchSize = 0;
            o.AccessToken = null;
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, error.Failures.Count());
    }

    private static ServiceProvider CreateSut(Action<AdherenceSyncOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = new Uri("https://api.mypurecloud.ie");
            o.AccessToken = "token";
            configure(o);
        });
        return services.BuildServiceProvider();
    }
}
