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
/// reset, which makes it exact to within a second divided by their number. A 429 inside a burst, when the span before it
/// held the whole allowance, says the window's shape is off (a token bucket whose refill is slower than its burst): the
/// allowance goes down by one, as often as it takes, and probing brings it back up when the server allows more. A window
/// adopted from a sibling that such a 429 contradicts is learned again, as the budget's own.
/// </para>
/// <para>Every member runs under the budget limiter's lock.</para>
/// </remarks>
/// <param name="window">The window this learner teaches.</param>
/// <param name="ceilingPerTick">The configured ceiling in sends a timestamp tick: an allowance already at it is not probed.</param>
/// <param name="ticksPerSecond">The clock's timestamp frequency.</param>
internal sealed class ThrottleWindowLearner(SlidingWindowSource window, double ceilingPerTick = double.PositiveInfinity, long ticksPerSecond = TimeSpan.TicksPerSecond)
{
    /// <summary>How many windows a learned allowance must hold, used in full and with no 429, before it is probed upward.</summary>
    public const int HeldWindowsBeforeProbe = 2;

    /// <summary>
    /// How many sends must be accepted before a probe, so that a probe past a steady limit costs at most one 429 in this
    /// many requests, however short the window. After the third probe that found nothing it doubles with each one, up to
    /// <see cref="MaxAcceptedBeforeProbe"/>; a probe that held brings it back.
    /// </summary>
    public const int AcceptedBeforeProbe = 16;

    /// <summary>
    /// How far a first probe reaches past the learned allowance, as a multiple of it: a probe costs one 429 whether it
    /// asks for a little more or a lot, and on a fixed window the 429 says exactly what the window took, so one probe
    /// finds a limit up to this many times higher in a single window.
    /// </summary>
    public const double ProbeFactor = 2;

    /// <summary>The most sends accepted between two probes, once several found nothing: one 429 in this many at most.</summary>
    public const int MaxAcceptedBeforeProbe = 256;

    /// <summary>
    /// How many probes that found nothing a lowered allowance counts as: a limit that has just fallen (another client
    /// took a share of it) is likelier to stay down than to rise again at once, so it is probed less eagerly.
    /// </summary>
    public const int MissesAfterLowering = 4;

    /// <summary>
    /// The least time a learned allowance holds before a first probe: a refused probe's Retry-After is whole seconds, so on
    /// a window of a second or two it can cost a whole window, and a short push should not pay for a probe at all.
    /// </summary>
    public static readonly TimeSpan MinTimeBeforeProbe = TimeSpan.FromSeconds(10);

    // Probing upward: when the allowance last changed or was last refused, what it was before the probe under way, and
    // how many probes since the last that held found nothing.
    private long _heldSince;
    private int _acceptedSince;
    private int _misses;
    private double? _beforeProbe;

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

    /// <summary>Gets the allowance shown to hold: during a probe, what held before it, since the probe's is not known yet.</summary>
    public double? Held => _beforeProbe ?? window.Allowed;

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
    /// <returns><see langword="true"/> when the 429 fits a window (expected, or teaching one); <see langword="false"/> when a window adopted from a sibling did not foresee it.</returns>
    public bool OnThrottled(long sentAt, long resumeAt)
    {
        _cycleStart ??= window.FirstGrant ?? sentAt;
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
            var tried = window.Allowed ?? good;
            var length = window.Length ?? 0;
            if (TookBefore(resumeAt - length - ticksPerSecond, sentAt) >= Math.Floor(good))
            {
                // The Retry-After is rounded up, so the window may have begun up to a second before it says: whether the
                // window held what held before is judged over that second too, what it took without it.
                _misses++;
                Settle(sentAt, Math.Clamp(TookBefore(resumeAt - length, sentAt), good, Math.Max(good, tried - 1)));
                return true;
            }

            // The window took less than held before the probe: the limit fell as the probe went out. Back to what held,
            // and let the rule for a 429 below the allowance lower it.
            window.Learn(good, null);
            _beforeProbe = null;
        }

        if (IsConfirmed && !IsAdopted && Refine(sentAt, resumeAt))
        {
            Settle(sentAt, window.Allowed);
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
            Settle(sentAt, Math.Max(1, Math.Floor(window.Allowed ?? 1) - 1));
            return true;
        }

        if (IsConfirmed)
        {
            // A sibling's window that did not foresee this one: learn this budget's own, from this reset on.
            _beforeProbe = null;
            _lowSuspect = null;
            IsConfirmed = false;
            IsAdopted = false;
            window.Forget();
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
        window.Learn(allowed, length);
    }

    /// <summary>
    /// A 429 when the span before it held fewer sends than the allowance: the server's limit is lower than learned (or
    /// a probe went past it). The allowance drops at once to what the span took, even to a third. A 429 far below it (under
    /// a quarter) may be no budget's at all, so it teaches nothing until a second one within two windows says the same.
    /// </summary>
    /// <returns><see langword="null"/> when the span held the whole allowance (this is no lower limit).</returns>
    private bool? Below(long sentAt, long resumeAt)
    {
        if (window.Allowed is not { } allowed || window.Length is not { } length || window.Span is not { } span)
        {
            return null;
        }

        // Over the span the allowance is kept over: a send granted just over a length ago may have counted in this window.
        // But not before the window the Retry-After ends: it started a length before, or up to a second more since a
        // Retry-After is rounded up to whole seconds, and sends before that counted in an older one.
        var took = TookBefore(Math.Max(sentAt - span, resumeAt - length - ticksPerSecond), sentAt);
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
    /// Raises a learned allowance that has held: used in full for <see cref="HeldWindowsBeforeProbe"/> windows with no 429,
    /// and for <see cref="MinTimeBeforeProbe"/> and as many accepted sends as it waits for. A probe asks for
    /// <see cref="ProbeFactor"/> times more: on a fixed window a probe past the limit costs one 429 and shows the limit
    /// itself, and one that holds for a window, used in full, is what the server allows now (the next probe comes in its
    /// turn, from there), so a limit that rose threefold is found in one window.
    /// </summary>
    private void ProbeIfHeld(long sentAt)
    {
        if (!IsConfirmed || IsAdopted || window.Allowed is not { } allowed || window.Length is not { } length
            || allowed + 1 > ceilingPerTick * length)
        {
            // Nothing to look for above a ceiling the user set: one request more would already pass it.
            return;
        }

        _acceptedSince++;
        var held = sentAt - _heldSince;
        var usedInFull = window.GrantsBetween(sentAt - length, sentAt + 1) >= Math.Floor(allowed);
        if (_beforeProbe is not null)
        {
            // A probe that held for a window, used in full: what it asked for is the allowance now, probed in its turn.
            if (held >= length && usedInFull)
            {
                _misses = 0;
                Settle(sentAt, allowed);
            }

            return;
        }

        if (!usedInFull
            || held < HeldWindowsBeforeProbe * length
            || held < MinTimeBeforeProbe.TotalSeconds * ticksPerSecond
            || (_acceptedSince < ProbeEvery && held < WindowsBeforeProbe * length))
        {
            return;
        }

        _beforeProbe = allowed;
        _heldSince = sentAt;
        _acceptedSince = 0;
        Probes++;
        var step = Math.Max(1, Math.Floor(ProbeFactor * allowed));
        window.Learn(Math.Min(allowed + step, Math.Max(allowed + 1, Math.Floor(ceilingPerTick * length))), null);
    }

    /// <summary>
    /// Gets how many windows a probe waits for when the sends it waits for would take longer: a small allowance (the share
    /// one of several instances on a token won in a race) would otherwise wait minutes for its 16 sends. A quarter of
    /// those sends' count in windows: 4, then doubled as they are.
    /// </summary>
    private long WindowsBeforeProbe => Math.Max(HeldWindowsBeforeProbe, ProbeEvery / 4);

    /// <summary>Gets how many sends a probe waits for: doubled for each probe, past the second since the last that held, that found nothing.</summary>
    private int ProbeEvery => Math.Min(MaxAcceptedBeforeProbe, AcceptedBeforeProbe << Math.Min(Math.Max(0, _misses - 2), 8));

    /// <summary>
    /// Counts the sends granted from <paramref name="from"/> up to a refused request, itself not counted: its send time
    /// is read just after its grant, so its own grant lies at or before <paramref name="sentAt"/>.
    /// </summary>
    private int TookBefore(long from, long sentAt) => Math.Max(0, window.GrantsBetween(from, sentAt + 1) - 1);

    private void Settle(long at, double? allowed)
    {
        window.Learn(allowed, null);
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
        if (window.Length is not { } length || length <= 0 || TookBefore(sentAt - (length / 4), sentAt) > 0)
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
