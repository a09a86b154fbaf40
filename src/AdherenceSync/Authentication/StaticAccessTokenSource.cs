namespace AdherenceSync.Authentication;

/// <summary>A fixed bearer token from <see cref="AdherenceSyncOptions.AccessToken"/>; it cannot be refreshed.</summary>
internal sealed class StaticAccessTokenSource(string token) : IAccessTokenSource
{
    public bool CanRefresh => false;

    public ValueTask<string> GetTokenAsync(string? rejected, CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public override string ToString() => "static token (hidden)";
}
