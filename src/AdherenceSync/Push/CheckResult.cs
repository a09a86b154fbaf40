using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>What one check of the platform found: its verdict, the explanation when found, and the listing it read.</summary>
/// <param name="Verdict">Found, not found, or no usable answer.</param>
/// <param name="Found">The matching explanation, when <paramref name="Verdict"/> is <see cref="Reconciliation.Found"/>.</param>
/// <param name="Listing">The listing the check read, when it read one.</param>
/// <param name="Problem">Why the check gave no usable answer, when <paramref name="Verdict"/> is <see cref="Reconciliation.Failed"/>.</param>
/// <param name="Stopped">The push stopped the check before it had an answer (cancelled or halted).</param>
internal sealed record CheckResult(Reconciliation Verdict, AdherenceExplanation? Found = null, ExplanationListing? Listing = null, string? Problem = null, Exception? Stopped = null)
{
    public static CheckResult Failed(string problem) => new(Reconciliation.Failed, Problem: problem);

    /// <summary>What a listing says about the row: found (with the explanation) or not found.</summary>
    public static CheckResult Of(ExplanationListing? listing, AdherenceRow row)
        => listing?.Entities is not { } entities
            ? Failed("the query answered without a listing")
            : entities.FirstOrDefault(e => RowRequests.Matches(e, row)) is { } found
                ? new(Reconciliation.Found, found, listing)
                : new(Reconciliation.NotFound, null, listing);
}
