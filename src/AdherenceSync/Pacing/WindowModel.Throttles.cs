namespace AdherenceSync.Pacing;

/// <content>
/// Learning the window from 429s. Between two moments that Retry-Afters point to (each no earlier than a reset of the
/// server's window), the requests it accepted are a window's allowance, and the time between them is the window's length:
/// a fixed window shows its own, a token bucket shows its burst and how long it takes to refill.
/// </content>
/// <remarks>
/// <para>
/// The first cycle starts with the first send, which need not be where the server's window started, so what it shows
/// is only a <see cref="Guess"/>: the budget goes on sending freely until the next 429 ends a cycle that began at a
/// reset. That one is <see cref="IsConfirmed"/>, and from then on the budget sends at most the allowance in any span of
/// the length, so that no further 429 comes.
/// </para>
/// <para>
/// Each end of a cycle is known only within a second (Retry-After is rounded up), so the length can be learned a little
/// short. A 429 at the start of a burst says so: the length is then spread over every window since the first confirmed
/// reset, which makes it exact to within a second divided by their number. A 429 inside a burst, when the span before it
/// held the whole allowance, says the window's shape is off (a token bucket whose refill is slower than its burst): the
/// allowance goes down by one, as often as it takes, and probing brings it back up when the server allows more. A window
/// adopted from a sibling that such a 429 contradicts is learned again, as the budget's own.
/// </para>
/// </remarks>
internal sealed partial class WindowModel
{
    // A 429 far below the learned allowance, remembered until a second one says the same.
    private (long At, int Took)? _lowSuspect;

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

    /// <summary>Gets how many 429s came after a span that held the whole allowance, which lowered it by one.</summary>
    public int Surprises { get; private set; }

    /// <summary>Gets how many 429s showed a confirmed window's length short.</summary>
    public int Refinements { get; private set; }

    /// <summary>Gets how many times a 429 below the learned allowance lowered it to what the window took.</summary>
    public int Lowered { get; private set; }

    /// <summary>Gets how many times the learned allowance was raised to probe for more.</summary>
    public int Probes { get; private set; }

    /// <summary>Gets how many 429s taught nothing: far below what the window had been shown to hold, and not seen twice.</summary>
    public int Ignored { get; private set; }

    /// <summary>Counts a request the server accepted (answered with anything but 429).</summary>
    public void OnAccepted(long sentAt)
    {
        ProbeIfHeld(sentAt);
        _cycleStart ??= _firstGrant ?? sentAt;
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
                Learn(_closedAccepted, null);
            }
        }
    }

    /// <summary>Learns from a 429 on this budget, whose Retry-After points to <paramref name="resumeAt"/>.</summary>
    /// <returns><see langword="true"/> when the 429 fits a window (expected, or teaching one); <see langword="false"/> when a window adopted from a sibling did not foresee it.</returns>
    public bool OnThrottled(long sentAt, long resumeAt)
    {
        _cycleStart ??= _firstGrant ?? sentAt;
        if (sentAt < _cycleStart)
        {
            // Sent before the last reset: it says nothing about the window since.
            return true;
        }

        if (IsConfirmed && !IsAdopted && _beforeProbe is { } good)
        {
            // The probe went past the limit. On a fixed window, what the window took since its reset before this 429 is
            // the limit itself: keep it, between what held before the probe and one less than the probe. Either way the
            // next probe waits longer (see ProbeEvery): only a probe that held for a window says the limit is rising.
            var tried = Allowed ?? good;
            var length = Length ?? 0;
            if (TookBefore(resumeAt - length - TicksPerSecond, sentAt) >= Math.Floor(good))
            {
                // The Retry-After is rounded up, so the window may have begun up to a second before it says: whether the
                // window held what held before is judged over that second too, what it took without it.
                _misses++;
                Settle(sentAt, Math.Clamp(TookBefore(resumeAt - length, sentAt), good, Math.Max(good, tried - 1)));
                return true;
            }

            // The window took less than held before the probe: the limit fell as the probe went out. Back to what held,
            // and let the rule for a 429 below the allowance lower it.
            Learn(good, null);
            _beforeProbe = null;
        }

        if (IsConfirmed && !IsAdopted && Refine(sentAt, resumeAt))
        {
            Settle(sentAt, Allowed);
            return true;
        }

        if (IsConfirmed && Below(sentAt, resumeAt) is { } below)
        {
            return below;
        }

        if (IsConfirmed && !IsAdopted)
        {
            // The span held the whole allowance and the server still refused: one less, and probes wait as after a lowering.
            Surprises++;
            _misses = Math.Max(_misses, MissesAfterLowering);
            Settle(sentAt, Math.Max(1, Math.Floor(Allowed ?? 1) - 1));
            return true;
        }

        if (IsConfirmed)
        {
            // A sibling's window that did not foresee this one: learn this budget's own, from this reset on.
            _beforeProbe = null;
            _lowSuspect = null;
            IsConfirmed = false;
            IsAdopted = false;
            Allowed = null;
            Length = null;
            StartCycle(resumeAt);
            _closedStart = null;
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
        Learn(allowed, length);
    }

    /// <summary>
    /// A 429 when the span before it held fewer sends than the allowance: the server's limit is lower than learned (or
    /// a probe went past it). The allowance drops at once to what the span took, even to a third. A 429 far below it (under
    /// a quarter) may be no budget's at all, so it teaches nothing until a second one within two windows says the same.
    /// </summary>
    /// <returns><see langword="null"/> when the span held the whole allowance (this is no lower limit).</returns>
    private bool? Below(long sentAt, long resumeAt)
    {
        if (Allowed is not { } allowed || Length is not { } length || Span is not { } span)
        {
            return null;
        }

        // Over the span the allowance is kept over: a send granted just over a length ago may have counted in this window.
        // But not before the window the Retry-After ends: it started a length before, or up to a second more since a
        // Retry-After is rounded up to whole seconds, and sends before that counted in an older one.
        var took = TookBefore(Math.Max(sentAt - span, resumeAt - length - TicksPerSecond), sentAt);
        if (took >= Math.Floor(allowed))
        {
            return null;
        }

        if (took * 4 < allowed && (_lowSuspect is not { } earlier || sentAt - earlier.At > 2 * length))
        {
            _lowSuspect = (sentAt, took);
            Ignored++;
            _heldSince = sentAt;
            _acceptedSince = 0;
            return true;
        }

        Lowered++;
        _misses = Math.Max(_misses, MissesAfterLowering);
        Settle(sentAt, Math.Max(1, Math.Max(took, _lowSuspect?.Took ?? 0)));
        return true;
    }

    /// <summary>
    /// Counts the sends granted from <paramref name="from"/> up to a refused request, itself not counted: its send time
    /// is read just after its grant, so its own grant lies at or before <paramref name="sentAt"/>.
    /// </summary>
    private int TookBefore(long from, long sentAt) => Math.Max(0, GrantsBetween(from, sentAt + 1) - 1);

    private void Settle(long at, double? allowed)
    {
        Learn(allowed, null);
        _beforeProbe = null;
        _lowSuspect = null;
        _heldSince = at;
        _acceptedSince = 0;
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
                _heldSince = resumeAt;
                _acceptedSince = 0;
                Learn(accepted, length);
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
        if (Length is not { } length || length <= 0 || TookBefore(sentAt - (length / 4), sentAt) > 0)
        {
            return false;
        }

        var windows = Math.Round((resumeAt - _anchor) / (double)length);
        if (windows < 1)
        {
            return false;
        }

        Refinements++;
        Learn(null, Math.Max(length + 1, (long)((resumeAt - _anchor) / windows)));
        return true;
    }

    private void StartCycle(long at)
    {
        _cycleStart = at;
        _anchored = true;
        _accepted = 0;
    }
}
