namespace AdherenceSync.Pacing;

/// <summary>
/// One budget: the client's (every send shares it) or one queue's. Its limiter lets a send go when every source allows
/// it, so it goes at the lower of the configured rate (the user's ceiling, a bucket of a minute's sends; none when not
/// configured) and what is known of the server's window (<see cref="Window"/>: from the headers, or learned from 429s when
/// adaptation is on), and not during a pause (a Retry-After that applies to this budget).
/// </summary>
internal sealed class Budget : IDisposable
{
    private readonly long _frequency;
    private readonly bool _learns;
    private long _lastUsed;

    /// <param name="name">A name for diagnostics: <c>client</c>, or <c>queue:</c> and the queue's id.</param>
    /// <param name="configuredRate">The configured rate in requests a second, or <see langword="null"/> for none.</param>
    /// <param name="adaptive">Whether the budget learns its window from 429s.</param>
    /// <param name="maxPauseWait">A send is refused, instead of waiting, when a pause outlasts this.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="slots">How many granted sends may be in flight at once; unbounded when <see langword="null"/>.</param>
    public Budget(string name, double? configuredRate, AdaptivePacingOptions adaptive, TimeSpan maxPauseWait, TimeProvider timeProvider, int? slots = null)
    {
        Name = name;
        _frequency = timeProvider.TimestampFrequency;
        Window = new WindowModel(timeProvider, (configuredRate ?? double.PositiveInfinity) / _frequency);
        _learns = adaptive.Enabled;
        var rate = configuredRate ?? double.PositiveInfinity;
        Limiter = new PacingRateLimiter(name, timeProvider, rate, PacingConstants.CeilingFor(rate), maxPauseWait, slots, Window);
    }

    public string Name { get; }

    /// <summary>Gets when a send last asked for this budget (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public PacingRateLimiter Limiter { get; }

    /// <summary>Gets what is known of the server's window; read or change it only through <see cref="PacingRateLimiter.Update"/> or <see cref="PacingRateLimiter.Read{T}"/>.</summary>
    public WindowModel Window { get; }

    /// <summary>Gets the rate the budget is held to now, in requests a second: the lowest of its sources.</summary>
    public double EffectiveRate => Limiter.Read(_ => Math.Min(Limiter.Bucket.PermitsPerSecond, Window.Rate));

    /// <summary>Gets a value indicating whether any answer carried rate-limit headers.</summary>
    public bool HasHeaders => Limiter.Read(_ => Window.HasHeaders);

    /// <summary>Gets the peak of recent answer times: a request counts at the server up to that much after its grant.</summary>
    public TimeSpan AnswerTime => Limiter.Read(_ => TimeSpan.FromSeconds(Window.Latency / (double)_frequency));

    /// <summary>Learns from an answer's rate-limit headers.</summary>
    public void OnHeaders(RateLimitSnapshot snapshot, long sentAt, long receivedAt, long? grant)
        => Limiter.Update(_ => Window.OnHeaders(snapshot, sentAt, receivedAt, grant));

    /// <summary>Counts a request the server accepted (any answer but a 429).</summary>
    /// <param name="sentAt">When the request was granted.</param>
    /// <param name="receivedAt">When its answer was read.</param>
    public void OnAccepted(long sentAt, long receivedAt)
    {
        Limiter.Update(_ =>
        {
            Window.OnAnswerTime(receivedAt - sentAt);
            if (_learns)
            {
                Window.OnAccepted(sentAt);
            }
        });
    }

    /// <summary>
    /// Pauses the budget until <paramref name="resumeAt"/> for a 429 that applies to it, and learns from it: its window,
    /// when the Retry-After can be trusted to point at a reset (<paramref name="learn"/>).
    /// </summary>
    /// <returns><see langword="true"/> when no known budget explains the 429, so that it taught nothing.</returns>
    /// <param name="sentAt">When the refused request was granted.</param>
    /// <param name="resetAt">When its Retry-After said the budget resets, which is what is learned from.</param>
    /// <param name="resumeAt">When the pause ends: a moment after <paramref name="resetAt"/>.</param>
    /// <param name="learn">Whether the Retry-After can be trusted to point at a reset.</param>
    public bool OnThrottled(long sentAt, long resetAt, long resumeAt, bool learn)
    {
        var unexplained = false;
        Limiter.Update(_ =>
        {
            Limiter.ExtendPause(resumeAt);
            if (learn && Window.HasHeaders)
            {
                // With headers the window is already known from them: the 429 confirms it is empty, or, when they said
                // requests were left, it is no budget's that the headers count.
                unexplained = Window.Remaining >= 1;
                return;
            }

            if (learn && _learns)
            {
                var ignored = Window.Ignored;
                Window.OnThrottled(sentAt, resetAt);
                unexplained = Window.Ignored > ignored;
            }
        });

        return unexplained;
    }

    /// <summary>Gets a value indicating whether a Retry-After holds this budget now.</summary>
    public bool IsPaused => Limiter.Read(now => Limiter.PausedUntil > now);

    /// <summary>Notes that the send this budget granted last went out now, once every limiter after this one granted it too.</summary>
    public void Sent() => Limiter.Update(now => Window.Restamp(now));

    /// <summary>Gets a value indicating whether the window learned from 429s now holds more sends than it allows (<see cref="WindowModel.IsOverdrawn"/>).</summary>
    public bool IsOverdrawn => Limiter.Read(Window.IsOverdrawn);

    /// <summary>Pauses the budget until a moment, for a pause another instance was told about.</summary>
    public void Pause(long resumeAt) => Limiter.PauseUntil(resumeAt);

    /// <summary>Paces by a window a sibling budget guessed, unless this budget learned its own.</summary>
    public void Adopt(double allowed, long length)
    {
        if (_learns)
        {
            Limiter.Update(_ => Window.Adopt(allowed, length));
        }
    }

    /// <summary>Notes that a send asked for this budget at <paramref name="now"/>.</summary>
    public void Use(long now) => Volatile.Write(ref _lastUsed, now);

    public void Dispose() => Limiter.Dispose();
}
