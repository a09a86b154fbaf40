namespace AdherenceSync.Push;

internal static class LookupConstants
{
    /// <summary>
    /// Agents named in one business-unit query. The contract sets no limit; this keeps a body small and a listing within
    /// <see cref="Genesys.GenesysConstants.MaxListingBytes"/>.
    /// </summary>
    public const int MaxAgentsPerQuery = 100;

    /// <summary>The longest span one lookup covers; rows further apart take another query.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);
}
