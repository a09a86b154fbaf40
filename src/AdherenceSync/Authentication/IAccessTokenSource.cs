namespace AdherenceSync.Authentication;

/// <summary>Gives the bearer token of one named client.</summary>
internal interface IAccessTokenSource
{
    /// <summary>Gets a value indicating whether a rejected token can be replaced by a fresh one.</summary>
    bool CanRefresh { get; }

    /// <summary>
    /// Gets a valid token. When <paramref name="rejected"/> is the current token, a fresh one is fetched; when another
    /// caller already replaced it, the replacement is returned without a new fetch.
    /// </summary>
    ValueTask<string> GetTokenAsync(string? rejected, CancellationToken cancellationToken);
}
