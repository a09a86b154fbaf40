using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// The lease of a send made while the first-answer probe is out. Polly disposes a lease once its attempt has ended
/// (answered or failed), and that is the moment the others may go.
/// </summary>
internal sealed class ProbeLease(RateLimitLease inner, ClientPacing pacing) : RateLimitLease
{
    public override bool IsAcquired => inner.IsAcquired;

    public override IEnumerable<string> MetadataNames => inner.MetadataNames;

    public override bool TryGetMetadata(string metadataName, out object? metadata) => inner.TryGetMetadata(metadataName, out metadata);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            pacing.OnSendEnded();
        }
    }
}
