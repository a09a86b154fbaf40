namespace AdherenceSync.Genesys;

/// <summary>Genesys Cloud's regions, their API hosts, and the sign-in endpoint derived from an API host.</summary>
internal static class GenesysRegions
{
    public static readonly IReadOnlyDictionary<string, string> Hosts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us_east_1"] = "api.mypurecloud.com",
        ["eu_west_1"] = "api.mypurecloud.ie",
        ["eu_central_1"] = "api.mypurecloud.de",
        ["ap_northeast_1"] = "api.mypurecloud.jp",
        ["ap_southeast_2"] = "api.mypurecloud.com.au",
        ["us_west_2"] = "api.usw2.pure.cloud",
        ["ca_central_1"] = "api.cac1.pure.cloud",
        ["ap_northeast_2"] = "api.apne2.pure.cloud",
        ["eu_west_2"] = "api.euw2.pure.cloud",
        ["ap_south_1"] = "api.aps1.pure.cloud",
        ["us_east_2"] = "api.use2.us-gov-pure.cloud",
        ["sa_east_1"] = "api.sae1.pure.cloud",
        ["me_central_1"] = "api.mec1.pure.cloud",
        ["ap_northeast_3"] = "api.apne3.pure.cloud",
        ["eu_central_2"] = "api.euc2.pure.cloud",
        ["mx_central_1"] = "api.mxc1.pure.cloud",
        ["ap_southeast_1"] = "api.apse1.pure.cloud",
        ["eusc_de_east_1"] = "api.edee1.eusc-pure.cloud",
    };

    public static string ValidNames => string.Join(", ", Hosts.Keys);

    public static Uri ApiBase(string region) => new($"https://{Hosts[region]}/");

    /// <summary>
    /// The token endpoint for an API base URL: <c>api.</c> becomes <c>login.</c>; a host without <c>api.</c>
    /// (a local simulator) serves <c>{base}/oauth/token</c> itself.
    /// </summary>
    public static Uri TokenEndpoint(Uri apiBase)
    {
        if (apiBase.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase))
        {
            return new UriBuilder(apiBase) { Host = "login." + apiBase.Host[4..], Path = "/oauth/token", Query = string.Empty }.Uri;
        }

        var basePath = apiBase.AbsoluteUri.EndsWith('/') ? apiBase.AbsoluteUri : apiBase.AbsoluteUri + "/";
        return new Uri(new Uri(basePath), "oauth/token");
    }
}
