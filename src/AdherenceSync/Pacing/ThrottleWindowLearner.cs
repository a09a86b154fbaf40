namespace AdherenceSync.Pacing;

/// <summary>
/// Learns the server's window from its 429s, for a server that sends no rate-limit headers. Between two moments that
/// Retry-Afters point to (each no earlier than a reset of the server's window), the requests it accepted are a window's
/// allowance, and the time between them is the window's length: a fixed window shows its own, a token bucket shows
/// its burst and how long it takes to refill.
/// </summary>
/// <remarks>
/// <para>
/// The first cycle starts with the first send, which need not be where the server's window started, so what it shows
/// is only a <see cref="Guess"/>: the budget goes on sending freely until the next 429 ends a cycle that began at a
/// reset. That one is <see cref="IsConfirmed"/>, and from then on the budget sends at most the allowance in any span of
/// the length (<see cref="SlidingWindowSource"/>), so that no further 429 comes.
/// </para>
/// <para>
/// Each end of a cycle is known only within a second (Retry-After is rounded up), so the length can be learned a little
/// short. A 429 at the start of a burst says so: the length is then spread over every window since the first confirmed
/// reset, which makes it exact to within a second divided by their number. A 429 inside a burst says the allowance was
/// wrong, and the window is learned again. After <see cref="MaxSurprises"/> of those the server fits no window, and the
/// learner leaves it to the adaptive rate.
/// </para>
/// <para>Every member runs under the budget limiter's lock.</para>
/// </remarks>
internal sealed class ThrottleWindowLearner(SlidingWindowSource window)
{
    /// <summary>How many 429s a confirmed window may fail to foresee before the learner gives up on windows.</summary>
    public const int MaxSurprises = 3;

    private long? _cycleStart;
    private long _anchor;
    private bool _anchored;
    private int _accepted;

    // The cycle a 429 closed: answers to sends made in it can still come in after the 429 that closed it.
    private long? _closedStart;
    private long _closedLength;
    private int _closedAccepted;
    private bool _closedConfirms;

    /// <summary>Gets the allowance and length (in timestamp ticks) the last completed cycle showed, if any did.</summary>
    public (double Allowed, long Length)? Guess { get; private set; }

    /// <summary>Gets a value indicating whether the budget paces by a learned window.</summary>
    public bool IsConfirmed { get; private set; }

    /// <summary>Gets a value indicating whether the window came from another budget's guess rather than this budget's own 429s.</summary>
    public bool IsAdopted { get; private set; }

    /// <summary>Gets how many 429s showed a confirmed window's allowance wrong.</summary>
    public int Surprises { get; private set; }

    /// <summary>Gets how many 429s showed a confirmed window's length short.</summary>
    public int Refinements { get; private set; }

    /// <summary>Gets a value indicating whether the server fits no window: 429s kept coming that no learned window foresaw.</summary>
    public bool GaveUp => Surprises > MaxSurprises;

    /// <summary>Counts a request the server accepted (answered with anything but 429).</summary>
    public void OnAccepted(long sentAt)
    {
        _cycleStart ??= window.FirstGrant ?? sentAt;
        if (sentAt >= _cycleStart)
        {
            _accepted++;
        }
        else if (_closedStart is { } closed && sentAt >= closed)
        {
            // Sent in the cycle a 429 already closed, answered after it: the window held this one too.
            _closedAccepted++;
            if (_closedLength > 0)
            {
                Guess = (_closedAccepted, _closedLength);
            }

            if (_closedConfirms && IsConfirmed && !IsAdopted)
            {
                window.Learn(_closedAccepted, null);
            }
        }
    }

    /// <summary>Learns from a 429 on this budget, whose Retry-After points to <paramref name="resumeAt"/>.</summary>
    /// <returns><see langword="true"/> when the 429 fits a window (expected, or teaching one); <see langword="false"/> when a learned window did not foresee it.</returns>
    public bool OnThrottled(long sentAt, long resumeAt)
    {
        if (GaveUp)
        {
            return false;
        }

        _cycleStart ??= window.FirstGrant ?? sentAt;
        if (sentAt < _cycleStart)
        {
            // Sent before the last reset: it says nothing about the window since.
            return true;
        }

        if (IsConfirmed && !IsAdopted && Refine(sentAt, resumeAt))
        {
            return true;
        }

        if (IsConfirmed)
        {
            // The learned window did not foresee this one: learn it again, from this reset on.
            Surprises++;
            IsConfirmed = false;
            IsAdopted = false;
            window.Forget();
            StartCycle(resumeAt);
            _closedStart = null;

            // Not what the window foresaw (another client sharing the budget, or a shape that fits no window): the
            // adaptive rate backs off meanwhile, so the relearning does not cost rows their attempts.
            return false;
        }

        Close(resumeAt);
        return true;
    }

    /// <summary>
    /// Paces by a window another budget guessed (its sibling queues' hidden limit); a 429 it did not foresee makes this
    /// budget learn its own.
    /// </summary>
    public void Adopt(double allowed, long length)
    {
        if (IsConfirmed && !IsAdopted)
        {
            return;
        }

        IsConfirmed = true;
        IsAdopted = true;
        window.Learn(allowed, length);
    }

    private void Close(long resumeAt)
    {
        var start = _cycleStart!.Value;
        var length = resumeAt - start;
        var accepted = _accepted;
        var confirms = false;
        if (length > 0 && accepted >= 1)
        {
            Guess = (accepted, length);
            if (_anchored)
            {
                confirms = true;
                IsConfirmed = true;
                _anchor = start;
                window.Learn(accepted, length);
            }
        }

        StartCycle(resumeAt);
        _closedStart = start;
        _closedLength = length;
        _closedAccepted = accepted;
        _closedConfirms = confirms;
    }

    /// <summary>
    /// A 429 at the start of a burst (no grant in the quarter length before it) says the server's window had not reset
    /// yet: the length is short. Spread the time since the first confirmed reset over the windows it holds.
    /// </summary>
    private bool Refine(long sentAt, long resumeAt)
    {
        if (window.Length is not { } length || length <= 0 || window.GrantsBetween(sentAt - (length / 4), sentAt) > 0)
        {
            return false;
        }

        var windows = Math.Round((resumeAt - _anchor) / (double)length);
        if (windows < 1)
        {
            return false;
        }

        Refinements++;
        window.Learn(null, Math.Max(length + 1, (long)((resumeAt - _anchor) / windows)));
        return true;
    }

    private void StartCycle(long at)
    {
        _cycleStart = at;
        _anchored = true;
        _accepted = 0;
    }
}
