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
    private readonly TaskCompletionSource _firstAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _probeClaimed;

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
    /// Until the client has heard from the server once, only one send goes out: the first answer says what the budget
    /// really is (its headers, or a 429), so parallel queues do not all start into a budget nobody has seen yet.
    /// </summary>
    private ValueTask WaitForFirstAnswerAsync(CancellationToken cancellationToken)
        => _firstAnswer.Task.IsCompleted || Interlocked.Exchange(ref _probeClaimed, 1) == 0
            ? ValueTask.CompletedTask
            : new ValueTask(_firstAnswer.Task.WaitAsync(cancellationToken));

    /// <summary>
    /// Acquires a permit for one attempt of <paramref name="queue"/>, after the start-up gate. While the gate is closed the
    /// lease opens it when disposed, that is when the attempt has ended; a refused lease opens it at once.
    /// </summary>
    public async ValueTask<RateLimitLease> AcquireAsync(string queue, CancellationToken cancellationToken)
    {
        await WaitForFirstAnswerAsync(cancellationToken).ConfigureAwait(false);
        var lease = await Limiter.AcquireAsync(queue, 1, cancellationToken).ConfigureAwait(false);
        if (_firstAnswer.Task.IsCompleted)
        {
            return lease;
        }

        if (!lease.IsAcquired)
        {
            OnSendEnded();
            return lease;
        }

        return new ProbeLease(lease, this);
    }

    /// <summary>Records that a send ended, which opens the start-up gate.</summary>
    public void OnSendEnded() => _firstAnswer.TrySetResult();

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

    /// <summary>Gets the rate learned from rate-limit headers, in requests a second, or <see langword="null"/> before any.</summary>
    public double? LearnedRate { get; private set; }

    /// <summary>
    /// Paces by what the server says about the budget. The learned rate (limit per window) replaces the configured one;
    /// when what is left would run out at that rate before the window resets, it is spread over the time left; when
    /// nothing is left, sends pause until the reset.
    /// </summary>
    public void OnRateLimitHeaders(RateLimitSnapshot snapshot)
    {
        var window = snapshot.Window ?? PacingConstants.DefaultHeaderWindow;
        var learned = snapshot.Limit is { } limit and > 0 ? limit / window.TotalSeconds : LearnedRate ?? Client.PermitsPerSecond;
        LearnedRate = learned;

        var rate = learned;
        var reset = snapshot.Reset.TotalSeconds;
        if (snapshot.Remaining < 1 && reset > 0)
        {
            Client.PauseUntil(_timeProvider.GetTimestamp() + (long)(reset * _timeProvider.TimestampFrequency));
        }
        else if (reset > 0 && snapshot.Remaining < learned * reset)
        {
            rate = Math.Max(PacingConstants.MinHeaderRate, snapshot.Remaining / reset);
        }

        var burst = Math.Min(PacingConstants.BurstFor(rate), Math.Max(1, Math.Floor(snapshot.Remaining)));
        Client.SetRateIfChanged(rate, burst);
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
