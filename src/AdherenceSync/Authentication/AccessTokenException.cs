namespace AdherenceSync.Authentication;

/// <summary>
/// Signing in failed. Its message names the token endpoint and the platform's answer; it never carries the secret
/// or a token.
/// </summary>
internal sealed class AccessTokenException : Exception
{
    public AccessTokenException(string message, bool credentialsRejected, Exception? innerException = null)
        : base(message, innerException)
    {
        CredentialsRejected = credentialsRejected;
    }

    /// <summary>Gets a value indicating whether the endpoint refused the credentials (final), rather than failing transiently.</summary>
    public bool CredentialsRejected { get; }
}
