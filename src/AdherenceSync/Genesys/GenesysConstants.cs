namespace AdherenceSync.Genesys;

internal static class GenesysConstants
{
    /// <summary>At most this much of any answer's body is read.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>At most this much of a downloaded listing is read.</summary>
    public const int MaxListingBytes = 1024 * 1024;
}
