using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// A refused lease from a <see cref="PacingRateLimiter"/>, saying how long the caller would have had to wait and why.
/// </summary>
internal sealed class PacingLease : RateLimitLease
{
    private PacingLease(bool isAcquired, TimeSpan? retryAfter, string? reason)
    {
        IsAcquired = isAcquired;
        RetryAfter = retryAfter;
        Reason = reason;
    }

    public override bool IsAcquired { get; }

    public TimeSpan? RetryAfter { get; }

    public string? Reason { get; }

    public override IEnumerable<string> MetadataNames
    {
        get
        {
            if (RetryAfter is not null)
            {
                yield return MetadataName.RetryAfter.Name;
            }

            if (Reason is not null)
            {
                yield return MetadataName.ReasonPhrase.Name;
            }
        }
    }

    public static PacingLease Rejected(TimeSpan retryAfter, string reason) => new(false, retryAfter, reason);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == MetadataName.RetryAfter.Name && RetryAfter is { } retryAfter)
        {
            metadata = retryAfter;
            return true;
        }

        if (metadataName == MetadataName.ReasonPhrase.Name && Reason is { } reason)
        {
            metadata = reason;
            return true;
        }

        metadata = null;
        return false;
    }

    [ExcludeFromCodeCoverage]
    protected override void Dispose(bool disposing)
    {
        // Nothing was granted: nothing to give back.
    }
}
