using AdherenceSync.Genesys;
using Microsoft.Extensions.Options;

namespace AdherenceSync.DependencyInjection;

/// <summary>
/// Checks the rules of <see cref="AdherenceSyncOptions"/> that DataAnnotations cannot express. Messages follow the shape
/// of the generated DataAnnotations messages: <c>Member: The field AdherenceSyncOptions.Member ...</c>.
/// </summary>
internal sealed class AdherenceSyncOptionsCustomValidator : IValidateOptions<AdherenceSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, AdherenceSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var builder = new ValidateOptionsResultBuilder();
        ValidateEndpoint(options, builder);
        ValidateCredentials(options, builder);

        if (options.ApplicationName is { } application && !Client.UserAgent.IsValid(application))
        {
            AddError(builder, nameof(AdherenceSyncOptions.ApplicationName), $"('{application}') must be one or more User-Agent product tokens, such as Contoso.Exporter/2.1.");
        }

        if (options.Retry is { } retry && retry.BaseDelay > retry.MaxDelay)
        {
            AddError(builder, "Retry.BaseDelay", $"({retry.BaseDelay}) must not be greater than AdherenceSyncOptions.Retry.MaxDelay ({retry.MaxDelay}).");
        }

        return builder.Build();
    }

    private static void ValidateEndpoint(AdherenceSyncOptions options, ValidateOptionsResultBuilder builder)
    {
        if (options.BaseAddress is null && options.Region is null)
        {
            AddError(builder, nameof(AdherenceSyncOptions.BaseAddress), "must be set to the WFM API's base URL, such as https://api.mypurecloud.com, or Region to a Genesys Cloud region.");
        }
        else if (options.BaseAddress is null && !GenesysRegions.Hosts.ContainsKey(options.Region!))
        {
            AddError(builder, nameof(AdherenceSyncOptions.Region), $"'{options.Region}' is not a Genesys Cloud region; valid names are {GenesysRegions.ValidNames}.");
        }

        ValidateUrl(options.BaseAddress, nameof(AdherenceSyncOptions.BaseAddress), builder);
    }

    private static void ValidateCredentials(AdherenceSyncOptions options, ValidateOptionsResultBuilder builder)
    {
        var credentials = options.ClientCredentials;
        if (string.IsNullOrWhiteSpace(options.AccessToken) && credentials?.IsConfigured != true)
        {
            AddError(builder, nameof(AdherenceSyncOptions.AccessToken), "must be set to a bearer token, or ClientCredentials.ClientId and ClientCredentials.ClientSecret must be set.");
        }

        if (credentials is { IsConfigured: true } && string.IsNullOrEmpty(credentials.ClientSecret))
        {
            AddError(builder, "ClientCredentials.ClientSecret", "must be set when ClientCredentials.ClientId is.");
        }

        // Refused here, naming the setting and never its value, rather than failing every row at its first send.
        if (!string.IsNullOrWhiteSpace(options.AccessToken) && !IsHeaderSafe(options.AccessToken))
        {
            AddError(builder, nameof(AdherenceSyncOptions.AccessToken), "must hold only visible ASCII characters, as a bearer token does: it cannot be sent in the Authorization header.");
        }

        // The id and the secret travel Base64-encoded, so only control characters (a newline inside) cannot be meant.
        if (credentials?.ClientId is { Length: > 0 } id && id.Any(char.IsControl))
        {
            AddError(builder, "ClientCredentials.ClientId", "must not hold control characters such as a newline.");
        }

        if (credentials?.ClientSecret is { Length: > 0 } secret && secret.Any(char.IsControl))
        {
            AddError(builder, "ClientCredentials.ClientSecret", "must not hold control characters such as a newline.");
        }

        ValidateUrl(credentials?.TokenEndpoint, "ClientCredentials.TokenEndpoint", builder);
    }

    /// <summary>Visible ASCII (<c>!</c> to <c>~</c>): what a token, an id or a secret is made of, and what a header can carry.</summary>
    private static bool IsHeaderSafe(string value) => value.All(c => c is >= '!' and <= '~');

    private static void ValidateUrl(Uri? url, string path, ValidateOptionsResultBuilder builder)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            AddError(builder, path, $"must be an absolute http:// or https:// URL (was '{url}').");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            AddError(builder, path, $"must use https:// for a host that is not loopback (was '{url}').");
        }
    }

    private static void AddError(ValidateOptionsResultBuilder builder, string path, string message)
        => builder.AddError($"{path[(path.LastIndexOf('.') + 1)..]}: The field AdherenceSyncOptions.{path} {message}");
}
