using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// The budgets of one client, exposed as one <see cref="PartitionedRateLimiter{TResource}"/> keyed by queue: the queue's own
/// budget, chained before the budget every send shares, which also bounds how many requests are in flight
/// (<see cref="AdherenceSyncOptions.MaxParallelQueues"/>). What the server says comes in through one door,
/// <see cref="OnAnswer"/>, and is interpreted here.
/// </summary>
/// <remarks>
/// <para>
/// Every queue is drained by its own sequential loop, so a queue never has two requests in flight; the shared budget's
/// slots bound how many queues have one at once. It serves waiters in line (a row resuming after a retry delay before
/// fresh rows): queues take turns, and a queue held back by its own budget (a hidden per-queue limit it has learned) or
/// by a retry delay lets the others through meanwhile.
/// </para>
/// <para>
/// The queue's permit is taken first, so that a send waiting for its own queue holds nothing of the shared budget.
/// </para>
/// </remarks>
internal sealed partial class ClientPacing : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxPauseWait;
    private readonly TimeSpan _fallbackPause;
    private readonly PacingOptions _options;
    private readonly double? _queueRate;
    private readonly ConcurrentDictionary<string, Budget> _queues = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<PacingKey> _clientPartition;
    private readonly QueuePartition _queuePartition;
    private readonly ISharedBudget? _shared;
    private readonly PartitionedRateLimiter<PacingKey>? _sharedQueuePartition;
    private readonly PartitionedRateLimiter<PacingKey>? _sharedClientPartition;
    private readonly PartitionedRateLimiter<PacingKey>? _sharedWindowPartition;

    /// <param name="options">The pacing options.</param>
    /// <param name="maxParallelQueues">How many requests may be in flight at once.</param>
    /// <param name="maxPauseWait">The longest pause a send waits out (<see cref="RetryOptions.MaxRetryAfter"/>).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="shared">A budget shared with other instances, if any.</param>
    /// <param name="fallbackPause">How long a 429 without a usable Retry-After pauses its budget (<see cref="RetryOptions.BaseDelay"/>).</param>
    public ClientPacing(PacingOptions options, int maxParallelQueues, TimeSpan maxPauseWait, TimeProvider timeProvider, ISharedBudget? shared = null, TimeSpan? fallbackPause = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _maxPauseWait = maxPauseWait;
        _fallbackPause = fallbackPause ?? TimeSpan.FromSeconds(1);
        _queueRate = options.QueueRequestsPerMinute / 60d;
        ClientBudget = new Budget(PacingConstants.ClientPartition, options.RequestsPerMinute / 60d, options.Adaptive, maxPauseWait, timeProvider, maxParallelQueues);
        ClientBudget.Limiter.FirstGoesAlone();

        _lastSweep = timeProvider.GetTimestamp();
        _queuePartition = new QueuePartition(q => Queue(q).Limiter);
        _clientPartition = PartitionedRateLimiter.Create<PacingKey, SendClass>(key => RateLimitPartition.Get(key.Class, c => c switch
        {
            SendClass.RefreshedResend => Client.RefreshedResend,
            SendClass.FollowUp => Client.FollowUp,
            _ => Client,
        }));
        if (shared is null)
        {
            Limiter = PartitionedRateLimiter.CreateChained(_queuePartition, _clientPartition);
            return;
        }

        // A budget shared with other instances comes after each local one: the local budget keeps this instance's
        // ordering, slots and learned windows; the shared one keeps all instances together within the token's.
        _shared = shared;
        _sharedQueuePartition = PartitionedRateLimiter.Create<PacingKey, string>(key => shared.QueueLimiter(key.Queue) is { } limiter
            ? RateLimitPartition.Get(key.Queue, _ => limiter)
            : RateLimitPartition.GetNoLimiter(string.Empty));
        _sharedClientPartition = PartitionedRateLimiter.Create<PacingKey, string>(_ => shared.ClientLimiter is { } limiter
            ? RateLimitPartition.Get(string.Empty, _ => limiter)
            : RateLimitPartition.GetNoLimiter(string.Empty));
        var window = shared.WindowLimiter(SharedWindow, () => ClientBudget.AnswerTime);
        _sharedWindowPartition = PartitionedRateLimiter.Create<PacingKey, string>(_ => RateLimitPartition.Get(string.Empty, _ => window));
        Limiter = PartitionedRateLimiter.CreateChained(_queuePartition, _sharedQueuePartition, _clientPartition, _sharedClientPartition, _sharedWindowPartition);
        shared.Subscribe(OnPausePublished, (allowed, length) => UsePrior(allowed, Ticks(length)));
    }

    /// <summary>Gets the budget every send of this client shares.</summary>
    public Budget ClientBudget { get; }

    /// <summary>Gets the limiter of the shared budget.</summary>
    public PacingRateLimiter Client => ClientBudget.Limiter;

    /// <summary>Gets the limiter every attempt acquires a permit from, keyed by queue.</summary>
    public PartitionedRateLimiter<PacingKey> Limiter { get; }

    /// <summary>Gets the budgets of the queues seen so far.</summary>
    public IReadOnlyDictionary<string, Budget> Queues => _queues;

    /// <summary>Gets the budget of one queue, creating it at the first use (or after it was dropped for being idle).</summary>
    public Budget Queue(string queue)
        => Touch(_queues.GetOrAdd(queue, static (key, self) => self.CreateQueueBudget(key), this));

    public void Dispose()
    {
        Limiter.Dispose();
        _clientPartition.Dispose();
        _queuePartition.Dispose();
        _sharedClientPartition?.Dispose();
        _sharedQueuePartition?.Dispose();
        _sharedWindowPartition?.Dispose();
        _shared?.Dispose();
        ClientBudget.Dispose();
        foreach (var queue in _queues.Values)
        {
            queue.Dispose();
        }
    }

    private Budget CreateQueueBudget(string queue)
    {
        var budget = new Budget($"queue:{queue}", _queueRate, _options.Adaptive, _maxPauseWait, _timeProvider);
        if (_queuePrior?.Value is { } prior)
        {
            budget.Adopt(prior.Allowed, prior.Length);
        }

        return budget;
    }
}
