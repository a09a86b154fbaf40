using AdherenceSync.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Tests.DependencyInjection;

public sealed class RegistrationOptionsValidatorTests
{
    [Fact]
    public void Validate_NamedRegistration_NamesItInEveryFailure()
    {
        var options = new AdherenceSyncOptions { BatchSize = 0 };

        var result = new RegistrationOptionsValidator().Validate("contoso", options);

        Assert.Equal(
            ["registration 'contoso': BatchSize: The field AdherenceSyncOptions.BatchSize must be between 1 and 100.",
             "registration 'contoso': BaseAddress: The field AdherenceSyncOptions.BaseAddress must be set to the WFM API's base URL, such as https://api.mypurecloud.com, or Region to a Genesys Cloud region.",
             "registration 'contoso': AccessToken: The field AdherenceSyncOptions.AccessToken must be set to a bearer token, or ClientCredentials.ClientId and ClientCredentials.ClientSecret must be set."],
            result.Failures);
    }

    [Fact]
    public void Validate_DefaultRegistration_KeepsTheMessagesAsTheyAre()
    {
        var result = new RegistrationOptionsValidator().Validate(Options.DefaultName, new AdherenceSyncOptions { BatchSize = 0, BaseAddress = new Uri("https://api.mypurecloud.ie"), AccessToken = "t" });

        Assert.Equal(["BatchSize: The field AdherenceSyncOptions.BatchSize must be between 1 and 100."], result.Failures);
    }

    [Fact]
    public void Start_TwoOrganisationsOneInvalid_TheMessageSaysWhichOne()
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync("contoso", o => { o.BaseAddress = new Uri("https://api.mypurecloud.ie"); o.AccessToken = "t"; });
        services.AddAdherenceSync("fabrikam", o => { o.BaseAddress = new Uri("https://api.mypurecloud.ie"); o.AccessToken = "t"; o.MaxParallelQueues = 0; });
        using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<AdherenceSyncOptions>>();

        Assert.Equal(8, monitor.Get("contoso").BaseAddress!.AbsoluteUri.IndexOf("api.", StringComparison.Ordinal));
        var error = Assert.Throws<OptionsValidationException>(() => monitor.Get("fabrikam"));
        Assert.Equal("registration 'fabrikam': MaxParallelQueues: The field AdherenceSyncOptions.MaxParallelQueues must be between 1 and 16.", Assert.Single(error.Failures));
    }
}
