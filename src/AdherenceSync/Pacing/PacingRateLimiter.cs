using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// A token bucket that refills lazily from <see cref="TimeProvider.GetTimestamp"/> and waits on one
/// <see cref="TimeProvider"/> timer, so that a fake clock drives it in tests. It can be paused until a moment (a
/// server's Retry-After), its rate can change while callers wait, and it can also bound how many granted sends are in
/// flight (slots, freed when a lease is disposed).
/// </summary>
/// <remarks>
/// <para>
/// The built-in limiters replenish from a real-time timer and take no <see cref="TimeProvider"/>
/// (dotnet/runtime#106447), which makes pacing impossible to test deterministically.
/// </para>
/// <para>
/// Waiters are served in a strict order: re-sends, then rows that already sent a request, then fresh rows, first come
/// first served within each (<see cref="SendClass"/>). Grants are made by one pump, when the bucket, the pause and the
/// slots all allow the first waiter, so a row that waited out a Retry-After is not overtaken by fresh rows.
/// </para>
/// </remarks>
internal sealed partial class PacingRateLimiter : RateLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxPauseWait;
    private readonly int _slots;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter>[] _waiters = [new(), new(), new()];
    private readonly ITimer _timer;

    private double _permitsPerSecond;
    private double _capacity;
    private double _tokens;
    private long _lastRefill;
    private long _pausedUntil;
    private int _inFlight;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _disposed;

    /// <param name="name">A name for diagnostics, such as <c>client</c> or <c>queue:Q1</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="permitsPerSecond">The refill rate; <see cref="double.PositiveInfinity"/> for no limit.</param>
    /// <param name="capacity">The burst size: how many permits the bucket holds when full.</param>
    /// <param name="maxPauseWait">A caller is refused at once, instead of waiting, when a pause outlasts this.</param>
    /// <param name="slots">How many granted sends may be in flight at once; unbounded when <see langword="null"/>.</param>
    public PacingRateLimiter(string name, TimeProvider timeProvider, double permitsPerSecond, double capacity, TimeSpan maxPauseWait, int? slots = null)
    {
        Name = name;
        _timeProvider = timeProvider;
        _maxPauseWait = maxPauseWait;
        _slots = slots ?? int.MaxValue;
        _permitsPerSecond = permitsPerSecond;
        _capacity = Math.Max(1, capacity);
        _tokens = _capacity;
        _lastRefill = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static state => ((PacingRateLimiter)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Resumed = new View(this, SendClass.Resumed);
        Resend = new View(this, SendClass.Resend);
    }

    public string Name { get; }

    /// <summary>Gets the limiter as seen by rows that already sent a request: they go before fresh rows.</summary>
    public RateLimiter Resumed { get; }

    /// <summary>Gets the limiter as seen by re-sends: first in line, and they need no slot (their attempt holds one).</summary>
    public RateLimiter Resend { get; }

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
                CurrentQueuedCount = _waiters.Sum(w => w.Count),
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
        }

        Pump();
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

        Pump();
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => TryAcquire(permitCount, SendClass.Fresh);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        => AcquireAsync(permitCount, SendClass.Fresh, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        List<Waiter> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _waiters.SelectMany(w => w)];
            foreach (var list in _waiters)
            {
                list.Clear();
            }
        }

        _timer.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Completion.TrySetException(new ObjectDisposedException(Name));
        }
    }
}
