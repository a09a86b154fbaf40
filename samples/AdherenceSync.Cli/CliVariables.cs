namespace AdherenceSync.Cli;

/// <summary>The environment variables the CLI reads. They are a published contract: extend, never rename.</summary>
internal static class CliVariables
{
    /// <summary>The bearer token for <c>push</c>. Never taken from an argument, so that it stays out of shell history.</summary>
    public const string AccessToken = "ADHERENCESYNC_ACCESS_TOKEN";

    /// <summary>The OAuth client id, used when no access token is given.</summary>
    public const string ClientId = "ADHERENCESYNC_CLIENT_ID";

    /// <summary>The OAuth client secret, used when no access token is given.</summary>
    public const string ClientSecret = "ADHERENCESYNC_CLIENT_SECRET";
}
