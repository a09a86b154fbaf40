namespace AdherenceSync.Pacing;

/// <summary>
/// What a budget knows of the server's window, and the one source that paces by it: how many sends a window holds
/// (<see cref="Allowed"/>) and how long one lasts (<see cref="Length"/>); how that is known: from the rate-limit headers
/// (<see cref="HasHeaders"/>), confirmed by this budget's 429s (<see cref="IsConfirmed"/>), adopted from a sibling or an
/// earlier run (<see cref="IsAdopted"/>), or not at all; and, when the headers showed it, what is left until the window ends
/// (<see cref="Remaining"/>, <see cref="Boundary"/>). Nothing is assumed before something is learned: an unknown window
/// allows every send, so the client is never slower than what the server says it allows.
/// </summary>
/// <remarks>
/// <para>
/// With headers, the model follows the server's own count (<c>WindowModel.Headers.cs</c>). Without them, the window is
/// learned from 429s (<c>WindowModel.Throttles.cs</c>) and probed upward (<c>WindowModel.Probes.cs</c>), and kept as at
/// most <see cref="Allowed"/> sends in any span of <see cref="Length"/> plus the longest answer time seen (the server
/// counts a request when it arrives, not when it was granted). Retry-After says only within a second where the server's
/// window begins, so that window is not anchored at a guessed boundary: whatever its phase, a server window of that length
/// or a token bucket of that burst and refill never sees more than the allowance.
/// </para>
/// <para>Every member runs under the budget limiter's lock. Times are timestamps of <paramref name="timeProvider"/>.</para>
/// </remarks>
/// <param name="timeProvider">The clock.</param>
/// <param name="ceilingPerTick">The configured ceiling in sends a timestamp tick: an allowance already at it is not probed.</param>
internal sealed partial class WindowModel(TimeProvider timeProvider, double ceilingPerTick = double.PositiveInfinity) : PacingSource
{
    private const int MaxKept = 4096;
    private readonly GrantLog _grants = new(MaxKept);
    private long? _firstGrant;

    /// <summary>Gets how many sends a window holds, when known.</summary>
    public double? Allowed { get; private set; }

    /// <summary>Gets how long a window lasts, in timestamp ticks, when known.</summary>
    public long? Length { get; private set; }

    /// <summary>Gets the span a learned allowance is kept over, in timestamp ticks: the length plus the longest answer time seen.</summary>
    public long? Span => Length + Latency;

    /// <summary>Gets the peak of recent answer times, in timestamp ticks.</summary>
    public long Latency { get; private set; }

    /// <summary>Gets how many sends were granted; the limiter numbers its grants the same way.</summary>
    public long Granted { get; private set; }

    /// <summary>Gets the sustained rate the window allows, in sends a second; infinite when unknown.</summary>
    public double Rate => Allowed is { } allowed && Length is { } length && length > 0 ? allowed / (length / (double)TicksPerSecond) : double.PositiveInfinity;

    /// <summary>
    /// Gets a value indicating whether a learned window now holds more sends than it allows: one granted before it was
    /// learned (a sibling queue's 429 taught it while this send waited for the client's turn).
    /// </summary>
    public bool IsOverdrawn(long now) => !HasHeaders && Allowed is { } allowed && Span is { } span
        && GrantsBetween(now - span, now + 1) > Math.Max(1, Math.Floor(allowed));

    private long TicksPerSecond => timeProvider.TimestampFrequency;

    public override long AllowedAt(long now, int permits)
    {
        if (HasHeaders)
        {
            return AllowedByHeadersAt(now, permits);
        }

        if (Allowed is not { } allowed || Span is not { } span)
        {
            return now;
        }

        // Older grants cannot count against any span that ends now.
        _grants.RemoveUpTo(now - span);

        var over = _grants.Count + permits - (int)Math.Max(1, Math.Floor(allowed));
        if (over <= 0)
        {
            return now;
        }

        // The send may go once the oldest grants that put the span over have slid out of it.
        return _grants[Math.Min(over, _grants.Count) - 1] + span + 1;
    }

    public override void OnGranted(long now, int permits)
    {
        _firstGrant ??= now;
        Granted += permits;
        for (var i = 0; i < permits; i++)
        {
            _grants.Add(now);
        }

        if (HasHeaders)
        {
            OnGrantedByHeaders(now, permits);
        }
    }

    /// <summary>
    /// Moves the newest grant to <paramref name="now"/>: the send it counts went out only then, after the limiters chained
    /// after this one had granted it too, and the server counts it when it arrives.
    /// </summary>
    public void Restamp(long now)
    {
        _grants.MoveNewestTo(now);
    }

    /// <summary>Counts the sends granted in [<paramref name="from"/>, <paramref name="to"/>) among those kept.</summary>
    public int GrantsBetween(long from, long to) => _grants.CountBetween(from, to);

    /// <summary>Notes how long an answer took: a request can arrive at the server that much after its grant.</summary>
    public void OnAnswerTime(long ticks)
    {
        // The peak of recent answer times: one slow answer widens the span for a while, not for good.
        Latency = Math.Max(ticks, (long)(Latency * 0.9));
    }

    /// <summary>Takes what a window holds and how long it lasts; a null leaves what is known.</summary>
    public void Learn(double? allowed, long? length)
    {
        Allowed = allowed ?? Allowed;
        Length = length ?? Length;
    }
}
