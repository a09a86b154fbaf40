using Microsoft.Extensions.Options;

namespace AdherenceSync.Validation;

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
        ValidateBaseAddress(options.BaseAddress, builder);

        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            AddError(builder, nameof(AdherenceSyncOptions.AccessToken), "must be set to a bearer token.");
        }

        if (options.Retry is { } retry && retry.BaseDelay > retry.MaxDelay)
        {
            AddError(builder, "Retry.BaseDelay", $"({retry.BaseDelay}) must not be greater than AdherenceSyncOptions.Retry.MaxDelay ({retry.MaxDelay}).");
        }

        return builder.Build();
    }

    private static void ValidateBaseAddress(Uri? baseAddress, ValidateOptionsResultBuilder builder)
    {
        const string Member = nameof(AdherenceSyncOptions.BaseAddress);
        if (baseAddress is null)
        {
            AddError(builder, Member, "must be set to the WFM API's base URL, such as https://api.mypurecloud.com.");
        }
        else if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            AddError(builder, Member, $"must be an absolute http:// or https:// URL (was '{baseAddress}').");
        }
        else if (baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback)
        {
            AddError(builder, Member, $"must use https:// for a host that is not loopback (was '{baseAddress}').");
        }
    }

    private static void AddError(ValidateOptionsResultBuilder builder, string path, string message)
        => builder.AddError($"{path[(path.LastIndexOf('.') + 1)..]}: The field AdherenceSyncOptions.{path} {message}");
}
