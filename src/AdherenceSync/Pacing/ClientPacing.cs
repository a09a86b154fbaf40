using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// The budgets of one client: one shared by every send, chained after an optional budget per queue,
/// exposed as one <see cref="PartitionedRateLimiter{TResource}"/> keyed by queue.
/// </summary>
/// <remarks>
/// The queue's permit is taken first, then the client's, so that a send waiting for its queue never
/// holds (and wastes) a permit of the budget every queue shares.
/// </remarks>
internal sealed class ClientPacing : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxPauseWait;
    private readonly double? _queuePermitsPerSecond;
    private readonly ConcurrentDictionary<string, PacingRateLimiter> _queues = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<string> _clientPartition;
    private readonly PartitionedRateLimiter<string> _queuePartition;

    public ClientPacing(PacingOptions options, TimeSpan maxPauseWait, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _maxPauseWait = maxPauseWait;
        var clientRate = options.RequestsPerMinute / 60d;
        Client = new PacingRateLimiter(PacingConstants.ClientPartition, timeProvider, clientRate, PacingConstants.BurstFor(clientRate), maxPauseWait);
        _queuePermitsPerSecond = options.QueueRequestsPerMinute / 60d;

        _clientPartition = PartitionedRateLimiter.Create<string, string>(
            _ => RateLimitPartition.Get(PacingConstants.ClientPartition, _ => Client));
        _queuePartition = PartitionedRateLimiter.Create<string, string>(queue => _queuePermitsPerSecond is null
            ? RateLimitPartition.GetNoLimiter(queue)
            : RateLimitPartition.Get(queue, Queue));
        Limiter = PartitionedRateLimiter.CreateChained(_queuePartition, _clientPartition);
    }

    /// <summary>Gets the budget every send of this client shares.</summary>
    public PacingRateLimiter Client { get; }

    /// <summary>Gets the limiter every attempt acquires a permit from, keyed by queue.</summary>
    public PartitionedRateLimiter<string> Limiter { get; }

    /// <summary>
    /// Records a 429. The pause belongs to the budget that was exhausted; the server does not say which, so the
    /// client's shared budget pauses: every queue waits until the Retry-After moment.
    /// </summary>
    public void OnThrottled(TimeSpan pause)
    {
        var now = _timeProvider.GetTimestamp();
        var ticks = (long)Math.Min(pause.TotalSeconds * _timeProvider.TimestampFrequency, long.MaxValue - now);
        Client.PauseUntil(now + ticks);
    }

    public void Dispose()
    {
        Limiter.Dispose();
        _clientPartition.Dispose();
        _queuePartition.Dispose();
        Client.Dispose();
        foreach (var queue in _queues.Values)
        {
            queue.Dispose();
        }
    }

    private PacingRateLimiter Queue(string queue)
        => _queues.GetOrAdd(queue, static (key, self) =>
        {
            var rate = self._queuePermitsPerSecond!.Value;
            return new PacingRateLimiter($"queue:{key}", self._timeProvider, rate, PacingConstants.BurstFor(rate), self._maxPauseWait);
        }, this);
}
