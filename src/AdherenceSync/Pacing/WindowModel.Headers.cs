namespace AdherenceSync.Pacing;

/// <content>
/// The server's own window, as its answers' rate-limit headers show it (<see cref="OnHeaders"/>): how many more sends it
/// accepts (<see cref="Remaining"/>) until the window ends (<see cref="Boundary"/>, never earlier than the real end); what
/// is left is sent as soon as the other sources allow it.
/// </content>
/// <remarks>
/// Genesys' <c>inin-ratelimit-*</c> count requests in fixed windows and round the reset up to whole seconds. Each answer
/// bounds the window's end from above (received + reset); the answers of one window narrow it down to the tightest, and
/// the least that they leave is what is left. An answer whose window ends more than a second after the current one's,
/// or a request sent after the end, begins a new window. The largest reset seen is the
/// window's length. The IETF headers describe a token bucket (a quota refilled over its window): its level is followed
/// continuously from the latest answer.
/// </remarks>
internal sealed partial class WindowModel
{
    private RateSource? _bucket;
    private TimeSpan _longestReset;

    /// <summary>Gets a value indicating whether any answer carried rate-limit headers: from then on they say the window.</summary>
    public bool HasHeaders { get; private set; }

    /// <summary>Gets how many more sends the server accepts before <see cref="Boundary"/>; infinite when unknown.</summary>
    public double Remaining { get; private set; } = double.PositiveInfinity;

    /// <summary>Gets when the current window ends at the latest, or <see langword="null"/> when unknown.</summary>
    public long? Boundary { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Boundary"/> is a prediction (a window length on from the last one) that no answer has confirmed.</summary>
    public bool BoundaryPredicted { get; private set; }

    /// <summary>Gets a value indicating whether the headers show a token bucket, which refills all the time, rather than a fixed window.</summary>
    public bool IsBucket => _bucket is not null;

    /// <summary>
    /// Learns from an answer's rate-limit headers: what was left when the server counted its request, and when the window
    /// resets; the sends granted after that request are taken off what was left.
    /// </summary>
    /// <param name="snapshot">What the headers said.</param>
    /// <param name="sentAt">When the answer's request was granted.</param>
    /// <param name="receivedAt">When the answer was read.</param>
    /// <param name="grant">
    /// The request's number among the budget's grants (every request the client sends has one); the sends granted after it
    /// are the ones the answer could not have counted. Without it, none are taken off.
    /// </param>
    public void OnHeaders(RateLimitSnapshot snapshot, long sentAt, long receivedAt, long? grant)
    {
        HasHeaders = true;
        if (snapshot.Reset > _longestReset)
        {
            _longestReset = snapshot.Reset;
        }

        var length = snapshot.Window ?? (snapshot.IsFixedWindow ? TimeSpan.FromSeconds(Math.Ceiling(_longestReset.TotalSeconds)) : _longestReset);
        Learn(snapshot.Limit is > 0 ? snapshot.Limit : null, length > TimeSpan.Zero ? Ticks(length) : null);

        var later = grant is { } number ? Granted - number : 0;
        if (!snapshot.IsFixedWindow && Allowed is { } full && double.IsFinite(Rate) && Rate > 0)
        {
            // A token bucket: what it held when the answer was read is full less what refills in the time until full
            // (more precise than the whole number left), less every send it had not counted yet.
            var level = Math.Min(snapshot.Remaining + 1, full - (snapshot.Reset.TotalSeconds * Rate));
            _bucket ??= new RateSource(timeProvider, Rate, full);
            _bucket.SetRate(Rate, full, receivedAt);
            _bucket.Observe(level - later, receivedAt);
            Remaining = Math.Floor(level - later);
            Boundary = null;
            return;
        }

        var remaining = snapshot.Remaining - later;
        var boundary = receivedAt + Ticks(snapshot.Reset);
        if (snapshot.IsFixedWindow && Boundary is { } end && !BoundaryPredicted && sentAt < end && boundary <= end + TicksPerSecond)
        {
            // Another answer of the same window (it ends when this one does, give or take the reset's rounding up): keep
            // the tighter of the two, even when this one says more is left. Sends on the wire together reach the server
            // in any order, so an answer read later may have been counted before sends that it does not take off.
            Remaining = Math.Min(Remaining, remaining);
            Boundary = Math.Min(end, boundary);
        }
        else
        {
            Remaining = remaining;
            Boundary = boundary;
            BoundaryPredicted = false;
        }
    }

    private long AllowedByHeadersAt(long now, int permits)
    {
        if (_bucket is { } bucket)
        {
            return bucket.AllowedAt(now, permits);
        }

        Roll(now);
        return Remaining >= permits ? now : Boundary ?? now;
    }

    private void OnGrantedByHeaders(long now, int permits)
    {
        if (_bucket is { } bucket)
        {
            bucket.OnGranted(now, permits);
            return;
        }

        Roll(now);
        if (Boundary is null && Length is { } length && !double.IsPositiveInfinity(Remaining))
        {
            // A window of known length starts with the first send into it.
            Boundary = now + length;
            BoundaryPredicted = true;
        }

        Remaining -= permits;
    }

    private long Ticks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * TicksPerSecond);

    /// <summary>Once the boundary has passed, a fresh window begins: full, and (with a known length) ending one length later.</summary>
    private void Roll(long now)
    {
        if (Boundary is not { } end || now < end)
        {
            return;
        }

        if (Allowed is { } allowed && Length is { } length && length > 0)
        {
            Remaining = allowed;
            Boundary = end + ((((now - end) / length) + 1) * length);
            BoundaryPredicted = true;
        }
        else
        {
            // Without a known length no window is assumed.
            Remaining = double.PositiveInfinity;
            Boundary = null;
            BoundaryPredicted = false;
        }
    }
}
