using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// A token bucket that refills lazily from <see cref="TimeProvider.GetTimestamp"/> when asked, with no timer,
/// and that waits through <see cref="TimeProvider"/> delays, so that a fake clock drives it in tests.
/// </summary>
/// <remarks>
/// The built-in limiters replenish from a real-time timer and take no <see cref="TimeProvider"/>
/// (dotnet/runtime#106447), which makes pacing impossible to test deterministically. On top of a plain
/// bucket it can be paused until a moment (a server's Retry-After), and its rate can change while callers wait.
/// </remarks>
internal sealed partial class PacingRateLimiter : RateLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxPauseWait;
    private readonly Lock _gate = new();

    private double _permitsPerSecond;
    private double _capacity;
    private double _tokens;
    private long _lastRefill;
    private long _pausedUntil;
    private long _successfulLeases;
    private long _failedLeases;
    private int _queued;
    private bool _disposed;
    private TaskCompletionSource _changed = NewSignal();

    /// <param name="name">A name for diagnostics, such as <c>client</c> or <c>queue:Q1</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="permitsPerSecond">The refill rate; <see cref="double.PositiveInfinity"/> for no limit.</param>
    /// <param name="capacity">The burst size: how many permits the bucket holds when full.</param>
    /// <param name="maxPauseWait">A caller is refused at once, instead of waiting, when a pause outlasts this.</param>
    public PacingRateLimiter(string name, TimeProvider timeProvider, double permitsPerSecond, double capacity, TimeSpan maxPauseWait)
    {
        Name = name;
        _timeProvider = timeProvider;
        _maxPauseWait = maxPauseWait;
        _permitsPerSecond = permitsPerSecond;
        _capacity = Math.Max(1, capacity);
        _tokens = _capacity;
        _lastRefill = timeProvider.GetTimestamp();
    }

    public string Name { get; }

    /// <summary>Gets the current refill rate in permits a second.</summary>
    public double PermitsPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _permitsPerSecond;
            }
        }
    }

    /// <summary>Gets the time left until a pause ends; zero when not paused.</summary>
    public TimeSpan PauseRemaining
    {
        get
        {
            lock (_gate)
            {
                return PauseRemainingCore(_timeProvider.GetTimestamp());
            }
        }
    }

    /// <summary>
    /// Always <see langword="null"/>: the limiter carries learned state (pauses, rates), so a
    /// <see cref="PartitionedRateLimiter{TResource}"/> must never dispose it as idle. Its owner disposes it.
    /// </summary>
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill(_timeProvider.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)Math.Min(_tokens, long.MaxValue),
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    /// <summary>Changes the refill rate and burst size. Waiting callers re-evaluate at once.</summary>
    public void SetRate(double permitsPerSecond, double capacity)
    {
        lock (_gate)
        {
            Refill(_timeProvider.GetTimestamp());
            _permitsPerSecond = permitsPerSecond;
            _capacity = Math.Max(1, capacity);
            _tokens = Math.Min(_tokens, _capacity);
            SignalChangeLocked();
        }
    }

    /// <summary>Changes the rate only when it moved by more than 1% or the burst changed, so that waiters are not woken for nothing.</summary>
    public void SetRateIfChanged(double permitsPerSecond, double capacity)
    {
        lock (_gate)
        {
            if (Math.Abs(permitsPerSecond - _permitsPerSecond) <= _permitsPerSecond * 0.01 && Math.Max(1, capacity) == _capacity)
            {
                return;
            }
        }

        SetRate(permitsPerSecond, capacity);
    }

    /// <summary>
    /// Stops granting permits until <paramref name="until"/> (a <see cref="TimeProvider.GetTimestamp"/> value) and
    /// empties the bucket, since the server has just said the budget is exhausted. A pause only ever extends.
    /// </summary>
    public void PauseUntil(long until)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            _tokens = 0;
            _lastRefill = Math.Max(_lastRefill, until);
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var decision = DecideLocked(permitCount, _timeProvider.GetTimestamp());
            return decision.Lease ?? Refuse(decision.Wait, "no permit available now");
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            Task changed;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var decision = DecideLocked(permitCount, _timeProvider.GetTimestamp());
                if (decision.Lease is { } lease)
                {
                    return lease;
                }

                if (decision.Paused && decision.Wait > _maxPauseWait)
                {
                    return Refuse(decision.Wait, $"the '{Name}' budget is paused for {decision.Wait.TotalSeconds:F0} s by the server's Retry-After");
                }

                wait = decision.Wait;
                changed = _changed.Task;
                _queued++;
            }

            try
            {
                await WaitAsync(wait, changed, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _queued--;
                }
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposed = true;
            SignalChangeLocked();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
