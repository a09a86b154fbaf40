using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>A refused lease, saying how long the caller would have had to wait (<see cref="MetadataName.RetryAfter"/>) and why.</summary>
internal sealed class PacingLease : RateLimitLease
{
    private readonly TimeSpan _retryAfter;
    private readonly string _reason;

    private PacingLease(TimeSpan retryAfter, string reason) => (_retryAfter, _reason) = (retryAfter, reason);

    public override bool IsAcquired => false;

    public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name, MetadataName.ReasonPhrase.Name];

    public static PacingLease Rejected(TimeSpan retryAfter, string reason) => new(retryAfter, reason);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter
            : metadataName == MetadataName.ReasonPhrase.Name ? _reason
            : null;
        return metadata is not null;
    }
}
