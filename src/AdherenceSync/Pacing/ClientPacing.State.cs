namespace AdherenceSync.Pacing;

/// <content>What was learned, taken out to keep and put back at the next start, so that it costs no learning 429s again.</content>
internal sealed partial class ClientPacing
{
    /// <summary>Gets the windows learned from 429s so far (the token's own, and the queues' shared first guess).</summary>
    public LearnedPacing Learned()
    {
        var client = ClientBudget.Limiter.Read(_ => ClientBudget.Window is { HasHeaders: false, IsConfirmed: true, Held: { } a, Length: { } l }
            ? ((double, double)?)(a, Seconds(l))
            : null);
        var queue = _queuePrior?.Value is { } prior ? ((double, double)?)(prior.Allowed, Seconds(prior.Length)) : null;
        return new LearnedPacing(client?.Item1, client?.Item2, queue?.Item1, queue?.Item2);
    }

    /// <summary>
    /// Starts from windows learned before: the token's paces every send as if another budget had taught it (a 429 it did
    /// not foresee makes the budget learn its own), and the queues' becomes every queue's first guess.
    /// </summary>
    public void Restore(LearnedPacing learned)
    {
        if (learned.ClientAllowed is { } allowed && learned.ClientWindowSeconds is { } seconds && allowed >= 1 && seconds > 0)
        {
            ClientBudget.Adopt(allowed, Ticks(TimeSpan.FromSeconds(seconds)));
        }

        if (learned.QueueAllowed is { } queueAllowed && learned.QueueWindowSeconds is { } queueSeconds && queueAllowed >= 1 && queueSeconds > 0)
        {
            UsePrior(queueAllowed, Ticks(TimeSpan.FromSeconds(queueSeconds)));
        }
    }

    private double Seconds(long ticks) => ticks / (double)_timeProvider.TimestampFrequency;
}
