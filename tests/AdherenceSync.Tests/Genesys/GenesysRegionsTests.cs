using AdherenceSync.Genesys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Tests.Genesys;

public sealed class GenesysRegionsTests
{
    [Theory]
    [InlineData("us_east_1", "api.mypurecloud.com", "https://login.mypurecloud.com/oauth/token")]
    [InlineData("eu_west_1", "api.mypurecloud.ie", "https://login.mypurecloud.ie/oauth/token")]
    [InlineData("eu_central_1", "api.mypurecloud.de", "https://login.mypurecloud.de/oauth/token")]
    [InlineData("ap_northeast_1", "api.mypurecloud.jp", "https://login.mypurecloud.jp/oauth/token")]
    [InlineData("ap_southeast_2", "api.mypurecloud.com.au", "https://login.mypurecloud.com.au/oauth/token")]
    [InlineData("us_west_2", "api.usw2.pure.cloud", "https://login.usw2.pure.cloud/oauth/token")]
    [InlineData("ca_central_1", "api.cac1.pure.cloud", "https://login.cac1.pure.cloud/oauth/token")]
    [InlineData("ap_northeast_2", "api.apne2.pure.cloud", "https://login.apne2.pure.cloud/oauth/token")]
    [InlineData("eu_west_2", "api.euw2.pure.cloud", "https://login.euw2.pure.cloud/oauth/token")]
    [InlineData("ap_south_1", "api.aps1.pure.cloud", "https://login.aps1.pure.cloud/oauth/token")]
    [InlineData("us_east_2", "api.use2.us-gov-pure.cloud", "https://login.use2.us-gov-pure.cloud/oauth/token")]
    [InlineData("sa_east_1", "api.sae1.pure.cloud", "https://login.sae1.pure.cloud/oauth/token")]
    [InlineData("me_central_1", "api.mec1.pure.cloud", "https://login.mec1.pure.cloud/oauth/token")]
    [InlineData("ap_northeast_3", "api.apne3.pure.cloud", "https://login.apne3.pure.cloud/oauth/token")]
    [InlineData("eu_central_2", "api.euc2.pure.cloud", "https://login.euc2.pure.cloud/oauth/token")]
    [InlineData("mx_central_1", "api.mxc1.pure.cloud", "https://login.mxc1.pure.cloud/oauth/token")]
    [InlineData("ap_southeast_1", "api.apse1.pure.cloud", "https://login.apse1.pure.cloud/oauth/token")]
    [InlineData("eusc_de_east_1", "api.edee1.eusc-pure.cloud", "https://login.edee1.eusc-pure.cloud/oauth/token")]
    public void Region_MapsToItsApiHostAndDerivedTokenEndpoint(string region, string host, string tokenEndpoint)
    {
        var options = new AdherenceSyncOptions { Region = region };

        Assert.Equal(new Uri($"https://{host}/"), options.ApiBase);
        Assert.Equal(new Uri(tokenEndpoint), options.TokenEndpoint);
    }

    [Fact]
    public void Hosts_HoldsAll18RegionsOfTheContract() => Assert.Equal(18, GenesysRegions.Hosts.Count);

    [Fact]
    public void TokenEndpoint_HostWithoutApiPrefix_IsUnderTheBaseUrl()
        => Assert.Equal(new Uri("http://127.0.0.1:5000/prefix/oauth/token"), GenesysRegions.TokenEndpoint(new Uri("http://127.0.0.1:5000/prefix")));

    [Fact]
    public void BaseAddress_OverridesRegion()
    {
        var options = new AdherenceSyncOptions { Region = "eu_west_1", BaseAddress = new Uri("https://proxy.example.com/genesys/") };

        Assert.Equal(new Uri("https://proxy.example.com/genesys/"), options.ApiBase);
        Assert.Equal(new Uri("https://proxy.example.com/genesys/oauth/token"), options.TokenEndpoint);
    }

    [Fact]
    public void TokenEndpoint_SetInOptions_OverridesTheDerivedOne()
    {
        var options = new AdherenceSyncOptions { Region = "eu_west_1", ClientCredentials = { TokenEndpoint = new Uri("https://sso.example.com/token") } };

        Assert.Equal(new Uri("https://sso.example.com/token"), options.TokenEndpoint);
    }

    [Fact]
    public void ValidateOnStart_UnknownRegion_FailsListingTheValidNames()
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.Region = "eu_north_9";
            o.AccessToken = "t";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "Region: The field AdherenceSyncOptions.Region 'eu_north_9' is not a Genesys Cloud region; valid names are us_east_1, eu_west_1, eu_central_1, ap_northeast_1, ap_southeast_2, us_west_2, ca_central_1, ap_northeast_2, eu_west_2, ap_south_1, us_east_2, sa_east_1, me_central_1, ap_northeast_3, eu_central_2, mx_central_1, ap_southeast_1, eusc_de_east_1.",
            Assert.Single(error.Failures));
    }
}
