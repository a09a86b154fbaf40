using Microsoft.Extensions.Options;

namespace AdherenceSync.Validation;

/// <summary>
/// Checks the rules of <see cref="AdherenceSyncOptions"/> that DataAnnotations cannot express.
/// </summary>
internal sealed class AdherenceSyncOptionsCustomValidator : IValidateOptions<AdherenceSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, AdherenceSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var builder = new ValidateOptionsResultBuilder();
        ValidateBaseAddress(options.BaseAddress, builder);

        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            builder.AddError("must be set to a bearer token.", nameof(AdherenceSyncOptions.AccessToken));
        }

        if (options.Retry is { } retry && retry.BaseDelay > retry.MaxDelay)
        {
            builder.AddError(
                $"BaseDelay ({retry.BaseDelay}) must not be greater than MaxDelay ({retry.MaxDelay}).",
                nameof(AdherenceSyncOptions.Retry));
        }

        return builder.Build();
    }

    private static void ValidateBaseAddress(Uri? baseAddress, ValidateOptionsResultBuilder builder)
    {
        const string Property = nameof(AdherenceSyncOptions.BaseAddress);
        if (baseAddress is null)
        {
            builder.AddError("must be set to the WFM API's base URL, such as https://api.mypurecloud.com.", Property);
        }
        else if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            builder.AddError($"'{baseAddress}' must be an absolute http:// or https:// URL.", Property);
        }
        else if (baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback)
        {
            builder.AddError($"'{baseAddress}' uses plain http:// for a host that is not loopback; use https://.", Property);
        }
    }
}
