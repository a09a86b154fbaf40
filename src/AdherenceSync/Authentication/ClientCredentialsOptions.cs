using AdherenceSync.Annotations;
using AdherenceSync.Authentication;

namespace AdherenceSync;

/// <summary>
/// OAuth client credentials: the client signs in by itself, caches its token and refreshes it before it expires.
/// </summary>
public sealed class ClientCredentialsOptions
{
    /// <summary>
    /// Gets or sets the OAuth client id.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: client credentials are not used.</value>
    public string? ClientId
    {
        get;

        // Surrounding whitespace (a trailing newline from a file or a variable) is never part of an id or a secret.
        set => field = value?.Trim();
    }

    /// <summary>
    /// Gets or sets the OAuth client secret. It never appears in logs, exception messages, reports or <see cref="ToString"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClientSecret
    {
        get;
        set => field = value?.Trim();
    }

    /// <summary>
    /// Gets or sets the token endpoint.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: derived from the API host (<c>api.</c> becomes <c>login.</c>, path
    /// <c>/oauth/token</c>), or <c>{base}/oauth/token</c> for a host that does not start with <c>api.</c>.
    /// </value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// Gets or sets how long before its expiry a cached token is replaced.
    /// </summary>
    /// <value>The default value is 60 seconds. Range: 0 to 1 hour.</value>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan RefreshMargin { get; set; } = AuthenticationConstants.DefaultRefreshMargin;

    /// <summary>
    /// Gets a value indicating whether client credentials are configured (a client id is set).
    /// </summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    /// <inheritdoc/>
    public override string ToString()
        => $"ClientId={ClientId ?? "(none)"}, ClientSecret={(ClientSecret is null ? "(none)" : "(set)")}, TokenEndpoint={TokenEndpoint?.ToString() ?? "(derived)"}";
}
