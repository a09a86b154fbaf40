namespace AdherenceSync.Pacing;

/// <summary>
/// Learns the server's window from its rate-limit headers. Each answer says what was left when the server counted its
/// request, and when the window resets; the sends granted after that request are taken off what was left.
/// </summary>
/// <remarks>
/// <para>
/// No window length is assumed. A window allows what it was said to allow in full as soon as the budget's other sources
/// let it, so the client is never slower than what the server says is left.
/// </para>
/// <para>
/// Genesys' <c>inin-ratelimit-*</c> count requests in fixed windows and round the reset up to whole seconds. Each answer
/// bounds the window's end from above (received + reset); the answers of one window narrow it down to the tightest. A
/// count that starts again, or a request sent after the end, begins a new window. The largest reset seen is the
/// window's length. The IETF headers describe a token bucket (a quota refilled over its window): its level is followed
/// continuously from the latest answer.
/// </para>
/// </remarks>
internal sealed class HeaderWindowLearner(WindowSource window, TimeProvider timeProvider)
{
    private TimeSpan _longestReset;

    /// <summary>Gets a value indicating whether any answer carried rate-limit headers.</summary>
    public bool HasHeaders { get; private set; }

    /// <param name="snapshot">What the headers said.</param>
    /// <param name="sentAt">When the answer's request was granted.</param>
    /// <param name="receivedAt">When the answer was read.</param>
    /// <param name="grant">The request's number among the budget's grants, when known.</param>
    public void Observe(RateLimitSnapshot snapshot, long sentAt, long receivedAt, long? grant)
    {
        HasHeaders = true;
        if (snapshot.Reset > _longestReset)
        {
            _longestReset = snapshot.Reset;
        }

        var length = snapshot.Window ?? (snapshot.IsFixedWindow ? TimeSpan.FromSeconds(Math.Ceiling(_longestReset.TotalSeconds)) : _longestReset);
        window.Learn(snapshot.Limit is > 0 ? snapshot.Limit : null, length > TimeSpan.Zero ? Ticks(length) : null);

        var later = grant is { } number ? window.Granted - number : window.GrantsAfter(sentAt);
        if (!snapshot.IsFixedWindow && window.Allowed is { } full && double.IsFinite(window.Rate) && window.Rate > 0)
        {
            // A token bucket: what it held when the answer was read is full less what refills in the time until full
            // (more precise than the whole number left), less every send it had not counted yet.
            var level = Math.Min(snapshot.Remaining + 1, full - (snapshot.Reset.TotalSeconds * window.Rate));
            window.ObserveBucket(level - later, receivedAt);
            return;
        }

        var remaining = snapshot.Remaining - later;
        var boundary = receivedAt + Ticks(snapshot.Reset);
        var sameWindow = snapshot.IsFixedWindow
            && window.Boundary is { } end && !window.BoundaryPredicted && sentAt < end
            && remaining <= window.Remaining + 0.5;
        if (sameWindow)
        {
            window.Narrow(remaining, boundary);
        }
        else
        {
            window.Observe(remaining, boundary);
        }
    }

    private long Ticks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * timeProvider.TimestampFrequency);
}
