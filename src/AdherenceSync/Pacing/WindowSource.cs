namespace AdherenceSync.Pacing;

/// <summary>
/// The server's own window, as its answers' rate-limit headers have shown it (<see cref="OnHeaders"/>): how many more
/// sends it accepts (<see cref="Remaining"/>) until the window ends (<see cref="Boundary"/>, never earlier than the real
/// end), how many a fresh window holds (<see cref="Allowed"/>) and how long one lasts (<see cref="Length"/>). Nothing is
/// assumed before something is learned: an unknown window allows every send, and what is left is sent as soon as the
/// other sources allow it, so the client is never slower than what the server says is left.
/// </summary>
/// <remarks>
/// Genesys' <c>inin-ratelimit-*</c> count requests in fixed windows and round the reset up to whole seconds. Each answer
/// bounds the window's end from above (received + reset); the answers of one window narrow it down to the tightest. A
/// count that starts again, or a request sent after the end, begins a new window. The largest reset seen is the
/// window's length. The IETF headers describe a token bucket (a quota refilled over its window): its level is followed
/// continuously from the latest answer.
/// </remarks>
internal sealed class WindowSource : PacingSource
{
    private readonly TimeProvider _timeProvider;
    private RateSource? _bucket;
    private TimeSpan _longestReset;

    public WindowSource(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>Gets a value indicating whether any answer carried rate-limit headers.</summary>
    public bool HasHeaders { get; private set; }

    /// <summary>Gets how many more sends the server accepts before <see cref="Boundary"/>; infinite when unknown.</summary>
    public double Remaining { get; private set; } = double.PositiveInfinity;

    /// <summary>Gets when the current window ends at the latest, or <see langword="null"/> when unknown.</summary>
    public long? Boundary { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Boundary"/> is a prediction (a window length on from the last one) that no answer has confirmed.</summary>
    public bool BoundaryPredicted { get; private set; }

    /// <summary>Gets how many sends a fresh window holds, when known.</summary>
    public double? Allowed { get; private set; }

    /// <summary>Gets how long a window lasts, in timestamp ticks, when known.</summary>
    public long? Length { get; private set; }

    /// <summary>Gets how many sends were granted; the limiter numbers its grants the same way.</summary>
    public long Granted { get; private set; }

    /// <summary>Gets the sustained rate the window allows, in sends a second; infinite when unknown.</summary>
    public double Rate => Allowed is { } allowed && Length is { } length && length > 0
        ? allowed / (length / (double)_timeProvider.TimestampFrequency)
        : double.PositiveInfinity;

    /// <summary>Gets a value indicating whether the server's budget is a token bucket, which refills all the time, rather than a fixed window.</summary>
    public bool IsBucket => _bucket is not null;

    public override long AllowedAt(long now, int permits)
    {
        if (_bucket is { } bucket)
        {
            return bucket.AllowedAt(now, permits);
        }

        Roll(now);
        return Remaining >= permits ? now : Boundary ?? now;
    }

    public override void OnGranted(long now, int permits)
    {
        if (_bucket is { } bucket)
        {
            bucket.OnGranted(now, permits);
            Granted += permits;
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
        Granted += permits;
    }

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
            ObserveBucket(level - later, receivedAt);
            return;
        }

        var remaining = snapshot.Remaining - later;
        var boundary = receivedAt + Ticks(snapshot.Reset);
        if (snapshot.IsFixedWindow && Boundary is { } end && !BoundaryPredicted && sentAt < end && remaining <= Remaining + 0.5)
        {
            // Another answer of the same window.
            Narrow(remaining, boundary);
        }
        else
        {
            Observe(remaining, boundary);
        }
    }

    /// <summary>
    /// Takes what an answer says of a token bucket: <paramref name="level"/> tokens were left at <paramref name="at"/>,
    /// after the sends it had not counted yet.
    /// </summary>
    public void ObserveBucket(double level, long at)
    {
        var full = Allowed ?? double.PositiveInfinity;
        _bucket ??= new RateSource(_timeProvider, Rate, full);
        _bucket.SetRate(Rate, full, at);
        _bucket.Observe(level, at);
        Remaining = Math.Floor(level);
        Boundary = null;
    }

    /// <summary>Takes what an answer says of the current window: what is left, and when it ends.</summary>
    public void Observe(double remaining, long? boundary)
    {
        Remaining = remaining;
        Boundary = boundary;
        BoundaryPredicted = false;
    }

    /// <summary>Keeps the tighter of what is known and what another answer of the same window says.</summary>
    public void Narrow(double remaining, long boundary)
    {
        Remaining = Math.Min(Remaining, remaining);
        Boundary = Boundary is { } known ? Math.Min(known, boundary) : boundary;
    }

    /// <summary>Takes what a fresh window holds and how long it lasts; a null leaves what is known.</summary>
    public void Learn(double? allowed, long? length)
    {
        Allowed = allowed ?? Allowed;
        Length = length ?? Length;
    }

    /// <summary>Forgets the window: it allows every send again, until something new is learned.</summary>
    public void Forget()
    {
        _bucket = null;
        Remaining = double.PositiveInfinity;
        Boundary = null;
        BoundaryPredicted = false;
        Allowed = null;
        Length = null;
    }

    private long Ticks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * _timeProvider.TimestampFrequency);

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
