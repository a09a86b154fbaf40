using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// The queues' budgets as a <see cref="PartitionedRateLimiter{TResource}"/> that looks each queue's limiter up on every
/// call, and caches nothing of its own: so that <see cref="ClientPacing"/> alone decides how long a queue's budget lives
/// (idle ones are evicted), where <see cref="PartitionedRateLimiter.Create{TResource, TPartitionKey}"/> would keep every
/// partition it ever made.
/// </summary>
internal sealed class QueuePartition(Func<string, RateLimiter> limiterOf) : PartitionedRateLimiter<PacingKey>
{
    public override RateLimiterStatistics? GetStatistics(PacingKey resource) => limiterOf(resource.Queue).GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(PacingKey resource, int permitCount)
        => limiterOf(resource.Queue).AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(PacingKey resource, int permitCount, CancellationToken cancellationToken)
        => limiterOf(resource.Queue).AcquireAsync(permitCount, cancellationToken);
}
