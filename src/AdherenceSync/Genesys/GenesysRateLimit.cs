namespace AdherenceSync.Genesys;

/// <summary>The optional <c>limit</c> of a 429 body: which platform limit was hit.</summary>
internal sealed class GenesysRateLimit
{
    public string? Key { get; init; }

    public string? Namespace { get; init; }

    public double? Value { get; init; }
}
