namespace AdherenceSync.Pacing;

/// <content>Pacing by what the server's rate-limit headers say.</content>
internal sealed partial class ClientPacing
{
    /// <summary>Gets the rate learned from rate-limit headers, in requests a second, or <see langword="null"/> before any.</summary>
    public double? LearnedRate { get; private set; }

    /// <summary>
    /// Paces by what the server says about the budget. The learned rate (limit per window) replaces the configured one;
    /// when what is left would run out at that rate before the window resets, it is spread over the time left; when
    /// nothing is left, sends pause until the reset.
    /// </summary>
    public void OnRateLimitHeaders(RateLimitSnapshot snapshot)
    {
        var window = snapshot.Window ?? PacingConstants.DefaultHeaderWindow;
        var learned = snapshot.Limit is { } limit and > 0 ? limit / window.TotalSeconds : LearnedRate ?? ClientBudget.EffectiveRate;
        LearnedRate = learned;

        var rate = learned;
        var reset = snapshot.Reset.TotalSeconds;
        if (snapshot.Remaining < 1 && reset > 0)
        {
            Pause(snapshot.Reset);
        }
        else if (reset > 0 && snapshot.Remaining < learned * reset)
        {
            rate = Math.Max(PacingConstants.MinHeaderRate, snapshot.Remaining / reset);
        }

        ClientBudget.SetBaseRate(rate, burstCap: Math.Max(1, Math.Floor(snapshot.Remaining)));
    }
}
