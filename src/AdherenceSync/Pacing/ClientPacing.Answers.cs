using System.Runtime.CompilerServices;

namespace AdherenceSync.Pacing;

/// <content>
/// The one way into pacing: what each answer said. Headers teach the client budget the token's window; a 429 pauses the
/// budget it exhausted and teaches it; a queue's learned limit becomes the first guess of its sibling queues.
/// </content>
internal sealed partial class ClientPacing
{
    private readonly ThrottleAttribution _attribution = new();
    // Written from answers and from other instances' news at once: a reference is swapped whole.
    private volatile StrongBox<(double Allowed, long Length)>? _queuePrior;

    /// <summary>Takes what one answer said; for a 429, returns which budget it paused and for how long.</summary>
    public ThrottleDecision? OnAnswer(ServerAnswer answer)
    {
        var queue = Queue(answer.Queue);
        if (answer.RateLimit is { } headers)
        {
            // The headers count the token's budget.
            ClientBudget.OnHeaders(headers, answer.SentAt, answer.ReceivedAt, answer.Grant);
        }

        if (!answer.IsThrottled)
        {
            _attribution.OnAccepted(answer.Queue, answer.SentAt);
            ClientBudget.OnAccepted(answer.SentAt, answer.ReceivedAt);
            queue.OnAccepted(answer.SentAt, answer.ReceivedAt);
            return null;
        }

        var (scope, evidence) = _attribution.Attribute(answer);
        var pause = answer.RetryAfter ?? _fallbackPause;
        // The pause ends a moment after the Retry-After, so that the rows it refused, whose own retry delay is that
        // Retry-After counted from a little later, are back in line when it ends and go before fresh rows. What is
        // learned takes the Retry-After as the server said it.
        var resetAt = answer.ReceivedAt + Ticks(pause);
        var resumeAt = resetAt + Ticks(PacingConstants.PauseMargin);
        var budget = scope == ThrottleScope.Queue ? queue : ClientBudget;
        bool unexplained;
        if (scope == ThrottleScope.Client && answer.RetryAfter is not null && !ClientBudget.HasHeaders
            && _shared?.Learn(Utc(answer.SentAt), Utc(resetAt)) is { } taught)
        {
            // Without headers the token's window is learned with the other instances, from all their sends: here it only pauses.
            ClientBudget.Pause(resumeAt);
            unexplained = !taught;
        }
        else
        {
            unexplained = budget.OnThrottled(answer.SentAt, resetAt, resumeAt, learn: answer.RetryAfter is not null);
        }

        _shared?.PublishPause(Utc(resumeAt), scope == ThrottleScope.Queue ? answer.Queue : null);
        if (scope == ThrottleScope.Queue)
        {
            SharePrior(queue);
        }

        return new ThrottleDecision(scope, pause, unexplained ? evidence + "; no budget the client knows explains it, so it teaches nothing" : evidence, unexplained);
    }

    /// <summary>
    /// The token's window every instance keeps together: the fixed window the rate-limit headers show, which counts every
    /// instance's requests; none while it is not known, or for a token bucket. A window learned from 429s is not kept
    /// together: each instance's 429s show only its own share of it.
    /// </summary>
    private WindowShape? SharedWindow() => ClientBudget.Limiter.Read<WindowShape?>(_ =>
    {
        if (ClientBudget.Window is not { HasHeaders: true, IsBucket: false, Allowed: { } shown, Length: { } span } window || span <= 0)
        {
            return null;
        }

        var now = _timeProvider.GetTimestamp();
        var ends = window.Boundary is { } boundary && boundary > now ? Utc(boundary) : (DateTimeOffset?)null;
        return new WindowShape(shown, _timeProvider.GetElapsedTime(0, span), ends);
    });

    /// <summary>Pauses the client budget (every queue), or one queue's, for a 429 another instance received.</summary>
    private void OnPausePublished(DateTimeOffset until, string? queue)
    {
        var pause = until - _timeProvider.GetUtcNow();
        if (pause > TimeSpan.Zero)
        {
            (queue is null ? ClientBudget : Queue(queue)).Pause(_timeProvider.GetTimestamp() + Ticks(pause));
        }
    }

    /// <summary>
    /// Queues usually share the shape of a hidden limit: what one queue's 429s showed becomes the first guess of every
    /// queue that has not learned its own, so that each does not pay its own 429s to find the same limit.
    /// </summary>
    private void SharePrior(Budget source)
    {
        var guess = source.Limiter.Read(_ => source.Window is { Guess: { } own, IsAdopted: false } ? own : ((double Allowed, long Length)?)null);
        if (guess is not { } learned)
        {
            return;
        }

        // The queue that showed it paces by it too, until its own second 429 (or one the guess did not foresee) says more;
        // the other instances' queues start from it as well.
        UsePrior(learned.Allowed, learned.Length);
        _shared?.PublishQueuePrior(learned.Allowed, _timeProvider.GetElapsedTime(0, learned.Length));
    }

    /// <summary>Makes a queue window learned here, in an earlier run or by another instance, the first guess of every queue.</summary>
    private void UsePrior(double allowed, long length)
    {
        _queuePrior = new((allowed, length));
        foreach (var queue in _queues.Values)
        {
            queue.Adopt(allowed, length);
        }
    }

    /// <summary>The moment a timestamp of the clock stands for.</summary>
    private DateTimeOffset Utc(long timestamp) => _timeProvider.GetUtcNow() + _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), timestamp);

    private long Ticks(TimeSpan span) => (long)Math.Min(Math.Ceiling(span.TotalSeconds * _timeProvider.TimestampFrequency), long.MaxValue / 4d);
}
