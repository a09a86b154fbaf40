using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>A permit to send one attempt.</summary>
/// <param name="Lease">The lease: dispose it when the attempt has ended. A refused one says why in its metadata.</param>
/// <param name="Grant">The send's number among the client budget's grants (the first is 1), or <see langword="null"/> when refused.</param>
internal readonly record struct PacingPermit(RateLimitLease Lease, long? Grant);
