using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// A limiter on a <see cref="TimeProvider"/>: a send goes when its pause, its token bucket (<see cref="Bucket"/>) and
/// every other <see cref="PacingSource"/> it was given allow it, and (optionally) a slot is free. It waits on one
/// <see cref="TimeProvider"/> timer, so that a fake clock drives it in tests; sources can change while callers wait.
/// </summary>
/// <remarks>
/// <para>
/// The built-in limiters replenish from a real-time timer and take no <see cref="TimeProvider"/>
/// (dotnet/runtime#106447), which makes pacing impossible to test deterministically.
/// </para>
/// <para>
/// Waiters are served in a strict order: re-sends, then rows that already sent a request, then fresh rows, first come
/// first served within each (<see cref="SendClass"/>). Grants are made by one pump, when every source and the slots
/// allow the first waiter, so a row that waited out a Retry-After is not overtaken by fresh rows.
/// </para>
/// <para>
/// The first send after a pause goes alone, and the others wait until its attempt has ended: when the pause ends, the
/// server's budget may be back by less than the waiting sends need (a token bucket refills one at a time), and sends
/// released together would each lose an attempt to a 429 again. With one send in flight this costs nothing. The very
/// first send can go the same way (<see cref="FirstGoesAlone"/>).
/// </para>
/// </remarks>
internal sealed partial class PacingRateLimiter : RateLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxPauseWait;
    private readonly int _slots;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter>[] _waiters = [new(), new(), new()];
    private readonly PacingSource[] _sources;
    private readonly ITimer _timer;

    private int _inFlight;
    private long _probedPause;
    private bool _pauseProbeOut;
    private long _granted;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _disposed;

    /// <param name="name">A name for diagnostics, such as <c>client</c> or <c>queue:Q1</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="permitsPerSecond">The token bucket's rate; <see cref="double.PositiveInfinity"/> for no limit.</param>
    /// <param name="capacity">The burst size: how many permits the bucket holds when full.</param>
    /// <param name="maxPauseWait">A caller is refused at once, instead of waiting, when a pause outlasts this.</param>
    /// <param name="slots">How many granted sends may be in flight at once; unbounded when <see langword="null"/>.</param>
    /// <param name="sources">More sources that must allow each send, such as a learned window.</param>
    public PacingRateLimiter(string name, TimeProvider timeProvider, double permitsPerSecond, double capacity, TimeSpan maxPauseWait, int? slots = null, params PacingSource[] sources)
    {
        Name = name;
        GrantMetadataName = PacingConstants.GrantMetadataPrefix + name;
        _timeProvider = timeProvider;
        _maxPauseWait = maxPauseWait;
        _slots = slots ?? int.MaxValue;
        Bucket = new RateSource(timeProvider, permitsPerSecond, capacity);
        _sources = [Bucket, .. sources];
        _timer = timeProvider.CreateTimer(static state => ((PacingRateLimiter)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        FollowUp = new View(this, SendClass.FollowUp);
        RefreshedResend = new View(this, SendClass.RefreshedResend);
    }

    public string Name { get; }

    /// <summary>
    /// Gets the name of the lease metadata that numbers a grant among this limiter's (the first grant is 1), so that an
    /// answer can tell which later sends it could not have counted. Made once: every grant's lease compares against it.
    /// </summary>
    public string GrantMetadataName { get; }

    /// <summary>Gets the token bucket; read or change it only under <see cref="Update"/> or <see cref="Read{T}"/>.</summary>
    public RateSource Bucket { get; }

    /// <summary>
    /// Gets the moment before which nothing is sent (a server's Retry-After, on this budget); read it only under
    /// <see cref="Update"/> or <see cref="Read{T}"/>.
    /// </summary>
    public long PausedUntil { get; private set; }

    /// <summary>Gets the limiter as seen by rows that already sent a request: they go before fresh rows.</summary>
    public RateLimiter FollowUp { get; }

    /// <summary>Gets the limiter as seen by re-sends: first in line, and they need no slot (their attempt holds one).</summary>
    public RateLimiter RefreshedResend { get; }

    /// <summary>Gets the token bucket's refill rate in permits a second.</summary>
    public double PermitsPerSecond => Read(_ => Bucket.PermitsPerSecond);

    /// <summary>Gets the time left until a pause ends; zero when not paused.</summary>
    public TimeSpan PauseRemaining => Read(PauseLeft);

    /// <summary>
    /// Always <see langword="null"/>: the limiter carries learned state (pauses, rates), so a
    /// <see cref="PartitionedRateLimiter{TResource}"/> must never dispose it as idle. Its owner disposes it.
    /// </summary>
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => Read(now =>
    {
        Bucket.AllowedAt(now, 0);
        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = (long)Math.Min(Bucket.Tokens, long.MaxValue),
            CurrentQueuedCount = _waiters.Sum(w => w.Count),
            TotalSuccessfulLeases = _successfulLeases,
            TotalFailedLeases = _failedLeases,
        };
    });

    /// <summary>Reads the sources consistently, under the limiter's lock, at the clock's current timestamp.</summary>
    public T Read<T>(Func<long, T> read)
    {
        lock (_lock)
        {
            return read(_timeProvider.GetTimestamp());
        }
    }

    /// <summary>Changes the sources under the limiter's lock; waiting callers re-evaluate at once.</summary>
    public void Update(Action<long> change)
    {
        lock (_lock)
        {
            change(_timeProvider.GetTimestamp());
        }

        Pump();
    }

    /// <summary>
    /// Lets the first send go alone, as the first after a pause does: the others wait until its attempt has ended, so that
    /// its answer (its headers, or a 429) says what the budget is before every queue starts into a budget nobody has seen.
    /// </summary>
    public void FirstGoesAlone() => Update(_ => _probedPause = -1);

    /// <summary>
    /// Stops granting permits until <paramref name="until"/> (a <see cref="TimeProvider.GetTimestamp"/> value). A pause
    /// only ever extends.
    /// </summary>
    public void PauseUntil(long until) => Update(_ => ExtendPause(until));

    /// <summary>Extends the pause to <paramref name="until"/>, under <see cref="Update"/>: a pause only ever extends.</summary>
    public void ExtendPause(long until) => PausedUntil = Math.Max(PausedUntil, until);

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => TryAcquire(permitCount, SendClass.FirstRequest);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        => AcquireAsync(permitCount, SendClass.FirstRequest, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        List<Waiter> abandoned;
        lock (_lock)
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
