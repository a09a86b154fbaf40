namespace AdherenceSync.Pacing;

/// <content>Probing a learned allowance upward once it has held, so that a limit that rose is found.</content>
internal sealed partial class WindowModel
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

    /// <summary>Gets the allowance shown to hold: during a probe, what held before it, since the probe's is not known yet.</summary>
    public double? Held => _beforeProbe ?? Allowed;

    /// <summary>
    /// Raises a learned allowance that has held: used in full for <see cref="HeldWindowsBeforeProbe"/> windows with no 429,
    /// and for <see cref="MinTimeBeforeProbe"/> and as many accepted sends as it waits for. A probe asks for
    /// <see cref="ProbeFactor"/> times more: on a fixed window a probe past the limit costs one 429 and shows the limit
    /// itself, and one that holds for a window, used in full, is what the server allows now (the next probe comes in its
    /// turn, from there), so a limit that rose threefold is found in one window.
    /// </summary>
    private void ProbeIfHeld(long sentAt)
    {
        if (!IsConfirmed || IsAdopted || Allowed is not { } allowed || Length is not { } length
            || allowed + 1 > ceilingPerTick * length)
        {
            // Nothing to look for above a ceiling the user set: one request more would already pass it.
            return;
        }

        _acceptedSince++;
        var held = sentAt - _heldSince;
        var usedInFull = GrantsBetween(sentAt - length, sentAt + 1) >= Math.Floor(allowed);
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
            || held < MinTimeBeforeProbe.TotalSeconds * TicksPerSecond
            || (_acceptedSince < ProbeEvery && held < WindowsBeforeProbe * length))
        {
            return;
        }

        _beforeProbe = allowed;
        _heldSince = sentAt;
        _acceptedSince = 0;
        Probes++;
        var step = Math.Max(1, Math.Floor(ProbeFactor * allowed));
        Learn(Math.Min(allowed + step, Math.Max(allowed + 1, Math.Floor(ceilingPerTick * length))), null);
    }

    /// <summary>
    /// Gets how many windows a probe waits for when the sends it waits for would take longer: a small allowance (the share
    /// one of several instances on a token won in a race) would otherwise wait minutes for its 16 sends. A quarter of
    /// those sends' count in windows: 4, then doubled as they are.
    /// </summary>
    private long WindowsBeforeProbe => Math.Max(HeldWindowsBeforeProbe, ProbeEvery / 4);

    /// <summary>Gets how many sends a probe waits for: doubled for each probe, past the second since the last that held, that found nothing.</summary>
    private int ProbeEvery => Math.Min(MaxAcceptedBeforeProbe, AcceptedBeforeProbe << Math.Min(Math.Max(0, _misses - 2), 8));
}
