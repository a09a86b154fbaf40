namespace AdherenceSync.Pacing;

/// <summary>
/// One budget: the client's (every send shares it) or one queue's. Its limiter lets a send go when every source allows
/// it, so it goes at the lowest of: the configured rate (the user's ceiling, a bucket of a minute's sends; none when not configured), the server's
/// window as its answers showed it (<see cref="Window"/>), the adaptive rate (CUBIC, the fallback for servers that fit
/// no window) and a pause (a Retry-After that applies to this budget).
/// </summary>
internal sealed class Budget : IDisposable
{
    private readonly CubicRateController? _cubic;
    private readonly RateSource _adaptiveRate;
    private readonly long _frequency;
    private long _lastUsed;

    /// <param name="name">A name for diagnostics: <c>client</c>, or <c>queue:</c> and the queue's id.</param>
    /// <param name="configuredRate">The configured rate in requests a second, or <see langword="null"/> for none.</param>
    /// <param name="adaptive">Whether and how the budget adapts to 429s.</param>
    /// <param name="maxPauseWait">A send is refused, instead of waiting, when a pause outlasts this.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="slots">How many granted sends may be in flight at once; unbounded when <see langword="null"/>.</param>
    public Budget(string name, double? configuredRate, AdaptivePacingOptions adaptive, TimeSpan maxPauseWait, TimeProvider timeProvider, int? slots = null)
    {
        Name = name;
        _frequency = timeProvider.TimestampFrequency;
        Window = new WindowSource(timeProvider);
        Learned = new SlidingWindowSource();
        _adaptiveRate = new RateSource(timeProvider, double.PositiveInfinity, 1);
        if (adaptive.Enabled)
        {
            _cubic = new CubicRateController(adaptive, timeProvider);
            Throttles = new ThrottleWindowLearner(Learned, (configuredRate ?? double.PositiveInfinity) / _frequency, _frequency);
        }

        var rate = configuredRate ?? double.PositiveInfinity;
        Limiter = new PacingRateLimiter(name, timeProvider, rate, PacingConstants.CeilingFor(rate), maxPauseWait, slots, Window, Learned, _adaptiveRate);
    }

    public string Name { get; }

    /// <summary>Gets when a send last asked for this budget (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public PacingRateLimiter Limiter { get; }

    /// <summary>Gets the server's window as learned; read or change it only through <see cref="PacingRateLimiter.Update"/> or <see cref="PacingRateLimiter.Read{T}"/>.</summary>
    public WindowSource Window { get; }

    /// <summary>Gets the window learned from 429s; read or change it only through <see cref="PacingRateLimiter.Update"/> or <see cref="PacingRateLimiter.Read{T}"/>.</summary>
    public SlidingWindowSource Learned { get; }

    /// <summary>Gets what this budget learns from 429s, when adaptation is on.</summary>
    public ThrottleWindowLearner? Throttles { get; }

    public CubicRateController? Adaptive => _cubic;

    /// <summary>Gets the rate the budget is held to now, in requests a second: the lowest of its sources.</summary>
    public double EffectiveRate => Limiter.Read(_ => Math.Min(Math.Min(Limiter.Bucket.PermitsPerSecond, Math.Min(Window.Rate, Learned.RatePerTick * _frequency)), _adaptiveRate.PermitsPerSecond));

    /// <summary>Gets a value indicating whether any answer carried rate-limit headers.</summary>
    public bool HasHeaders => Limiter.Read(_ => Window.HasHeaders);

    /// <summary>Gets the peak of recent answer times: a request counts at the server up to that much after its grant.</summary>
    public TimeSpan AnswerTime => Limiter.Read(_ => TimeSpan.FromSeconds(Learned.Latency / (double)_frequency));

    /// <summary>Learns from an answer's rate-limit headers.</summary>
    public void OnHeaders(RateLimitSnapshot snapshot, long sentAt, long receivedAt, long? grant)
        => Limiter.Update(_ => Window.OnHeaders(snapshot, sentAt, receivedAt, grant));

    /// <summary>Counts a request the server accepted (any answer but a 429).</summary>
    /// <param name="sentAt">When the request was granted.</param>
    /// <param name="receivedAt">When its answer was read.</param>
    public void OnAccepted(long sentAt, long receivedAt)
    {
        Limiter.Update(now =>
        {
            Learned.OnAnswerTime(receivedAt - sentAt);
            Throttles?.OnAccepted(sentAt);
            Adapt(throttled: false, resumeAt: null, now);
        });
    }

    /// <summary>
    /// Pauses the budget until <paramref name="resumeAt"/> for a 429 that applies to it, and learns from it: its window,
    /// when the Retry-After can be trusted to point at a reset (<paramref name="learn"/>); the adaptive rate when the 429
    /// fits no window.
    /// </summary>
    /// <returns><see langword="true"/> when no known budget explains the 429, so that it taught nothing.</returns>
    /// <param name="sentAt">When the refused request was granted.</param>
    /// <param name="resetAt">When its Retry-After said the budget resets, which is what is learned from.</param>
    /// <param name="resumeAt">When the pause ends: a moment after <paramref name="resetAt"/>.</param>
    /// <param name="learn">Whether the Retry-After can be trusted to point at a reset.</param>
    public bool OnThrottled(long sentAt, long resetAt, long resumeAt, bool learn)
    {
        var unexplained = false;
        Limiter.Update(now =>
        {
            Limiter.ExtendPause(resumeAt);
            if (learn && Window.HasHeaders)
            {
                // With headers the window is already known from them: the 429 confirms it is empty, or, when they said
                // requests were left, it is no budget's that the headers count.
                unexplained = Window.Remaining >= 1;
                return;
            }

            var ignored = Throttles?.Ignored ?? 0;
            if (!learn || Throttles?.OnThrottled(sentAt, resetAt) != true)
            {
                Adapt(throttled: true, resumeAt, now);
            }

            unexplained = (Throttles?.Ignored ?? 0) > ignored;
        });

        return unexplained;
    }

    /// <summary>Gets a value indicating whether a Retry-After holds this budget now.</summary>
    public bool IsPaused => Limiter.Read(now => Limiter.PausedUntil > now);

    /// <summary>Notes that the send this budget granted last went out now, once every limiter after this one granted it too.</summary>
    public void Sent() => Limiter.Update(now => Learned.Restamp(now));

    /// <summary>
    /// Gets a value indicating whether the window learned from 429s now holds more sends than it allows: one granted before
    /// the window was learned (a sibling queue's 429 taught it while this send waited for the client's turn).
    /// </summary>
    public bool IsOverdrawn => Limiter.Read(now => Learned is { Allowed: { } allowed, Span: { } span }
        && Learned.GrantsBetween(now - span, now + 1) > Math.Max(1, Math.Floor(allowed)));

    /// <summary>Pauses the budget until a moment, for a pause another instance was told about.</summary>
    public void Pause(long resumeAt) => Limiter.PauseUntil(resumeAt);

    /// <summary>Paces by a window a sibling budget guessed, unless this budget learned its own.</summary>
    public void Adopt(double allowed, long length)
    {
        if (Throttles is { } throttles)
        {
            Limiter.Update(_ => throttles.Adopt(allowed, length));
        }
    }

    /// <summary>Notes that a send asked for this budget at <paramref name="now"/>.</summary>
    public void Use(long now) => Volatile.Write(ref _lastUsed, now);

    public void Dispose() => Limiter.Dispose();

    /// <summary>Takes an answer into the adaptive rate; runs under the limiter's lock.</summary>
    private void Adapt(bool throttled, long? resumeAt, long now)
    {
        if (_cubic?.OnAnswer(throttled) is not { } rate)
        {
            return;
        }

        var current = _adaptiveRate.PermitsPerSecond;
        if (throttled || double.IsPositiveInfinity(current) || Math.Abs(rate - current) > current * 0.01)
        {
            _adaptiveRate.SetRate(rate, PacingConstants.BurstFor(rate), now);
        }

        if (resumeAt is { } from)
        {
            // The server has just said this budget is empty: the adaptive bucket refills from the end of the pause.
            _adaptiveRate.Restart(from);
        }
    }
}
