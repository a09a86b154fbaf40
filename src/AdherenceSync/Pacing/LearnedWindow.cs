namespace AdherenceSync.Pacing;

/// <summary>
/// The server's window as its 429s showed it, for a server that sends no rate-limit headers: at most
/// <see cref="Allowed"/> sends in any span of <see cref="Length"/> (plus the longest answer time seen, since the server
/// counts a request when it arrives, not when it was granted). Retry-After says only within a second where the server's
/// window begins, so the window is not anchored at a guessed boundary: whatever its phase, a server window of that length
/// or a token bucket of that burst and refill never sees more than the allowance.
/// </summary>
/// <remarks>
/// How the window is learned from 429s is in <c>LearnedWindow.Throttles.cs</c>; how a learned allowance is probed
/// upward, in <c>LearnedWindow.Probes.cs</c>. Every member runs under the budget limiter's lock.
/// </remarks>
/// <param name="ceilingPerTick">The configured ceiling in sends a timestamp tick: an allowance already at it is not probed.</param>
/// <param name="ticksPerSecond">The clock's timestamp frequency.</param>
internal sealed partial class LearnedWindow(double ceilingPerTick = double.PositiveInfinity, long ticksPerSecond = TimeSpan.TicksPerSecond) : PacingSource
{
    private const int MaxKept = 4096;
    private readonly LinkedList<long> _grants = new();
    private long? _firstGrant;

    /// <summary>Gets how many sends any span of <see cref="Length"/> may hold, once learned.</summary>
    public double? Allowed { get; private set; }

    /// <summary>Gets the span, in timestamp ticks, once learned.</summary>
    public long? Length { get; private set; }

    /// <summary>Gets the span the allowance is kept over, in timestamp ticks: the length plus the longest answer time seen.</summary>
    public long? Span => Length + Latency;

    /// <summary>Gets the peak of recent answer times, in timestamp ticks.</summary>
    public long Latency { get; private set; }

    /// <summary>Gets the sustained rate it allows, in sends a tick; infinite while nothing is learned.</summary>
    public double RatePerTick => Allowed is { } allowed && Length is { } length && length > 0 ? allowed / length : double.PositiveInfinity;

    public override long AllowedAt(long now, int permits)
    {
        if (Allowed is not { } allowed || Span is not { } span)
        {
            return now;
        }

        while (_grants.First is { } oldest && oldest.Value <= now - span)
        {
            // Older grants cannot count against any span that ends now.
            _grants.RemoveFirst();
        }

        var over = _grants.Count + permits - (int)Math.Max(1, Math.Floor(allowed));
        if (over <= 0)
        {
            return now;
        }

        // The send may go once the oldest grants that put the span over have slid out of it.
        return _grants.ElementAt(Math.Min(over, _grants.Count) - 1) + span + 1;
    }

    public override void OnGranted(long now, int permits)
    {
        _firstGrant ??= now;
        for (var i = 0; i < permits; i++)
        {
            _grants.AddLast(now);
        }

        while (_grants.Count > MaxKept)
        {
            _grants.RemoveFirst();
        }
    }

    /// <summary>
    /// Moves the newest grant to <paramref name="now"/>: the send it counts went out only then, after the limiters chained
    /// after this one had granted it too, and the server counts it when it arrives.
    /// </summary>
    public void Restamp(long now)
    {
        if (_grants.Last is { } newest && newest.Value < now)
        {
            newest.Value = now;
        }
    }

    /// <summary>Counts the sends granted in [<paramref name="from"/>, <paramref name="to"/>) among those kept.</summary>
    public int GrantsBetween(long from, long to) => _grants.Count(g => g >= from && g < to);

    /// <summary>Notes how long an answer took: a request can arrive at the server that much after its grant.</summary>
    public void OnAnswerTime(long ticks)
    {
        // The peak of recent answer times: one slow answer widens the span for a while, not for good.
        Latency = Math.Max(ticks, (long)(Latency * 0.9));
    }

    /// <summary>Takes the allowance and span learned; a null leaves what is known.</summary>
    public void Learn(double? allowed, long? length)
    {
        Allowed = allowed ?? Allowed;
        Length = length ?? Length;
    }
}
