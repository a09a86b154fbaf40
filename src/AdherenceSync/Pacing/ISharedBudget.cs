using System.Threading.RateLimiting;

namespace AdherenceSync.Pacing;

/// <summary>
/// A budget shared with the other instances of a service that push with the same credentials (the platform's budget
/// belongs to the token, not to a process). Its limiters are chained after the client's own; a pause the server asks for
/// is published to the other instances, and theirs are received.
/// </summary>
/// <remarks>Implemented by the <c>AdherenceSync.Redis</c> package, which sees this type through <c>InternalsVisibleTo</c>.</remarks>
internal interface ISharedBudget : IDisposable
{
    /// <summary>Gets the limiter of the budget every send of every instance shares, or <see langword="null"/> when no budget was configured to share.</summary>
    RateLimiter? ClientLimiter { get; }

    /// <summary>Gets the shared limiter of one queue, or <see langword="null"/> when queue budgets are not shared.</summary>
    RateLimiter? QueueLimiter(string queue);

    /// <summary>
    /// Tells the other instances that the server asked for no request before <paramref name="until"/>: on the token's
    /// budget, or on one queue's (<paramref name="queue"/>).
    /// </summary>
    void PublishPause(DateTimeOffset until, string? queue = null);

    /// <summary>
    /// Tells the other instances, and those that start later, the window a queue's hidden limit showed: every queue they
    /// meet starts from it.
    /// </summary>
    void PublishQueuePrior(double allowed, TimeSpan length);

    /// <summary>
    /// Calls <paramref name="onPause"/> with each pause another instance publishes (and its queue; <see langword="null"/>
    /// for the token's), and <paramref name="onQueuePrior"/> with each queue window another instance learned.
    /// </summary>
    void Subscribe(Action<DateTimeOffset, string?> onPause, Action<double, TimeSpan> onQueuePrior);

    /// <summary>
    /// Gets a limiter that keeps the token's window across every instance: the one <paramref name="window"/> says the
    /// headers show (at most its allowance in any span of its length, and, once they have shown where the server's window
    /// starts, only the sends since that start count against it), or, while they show none, the one learned from every
    /// instance's 429s (<see cref="Learn"/>). <paramref name="answerTime"/> is how long answers take.
    /// </summary>
    RateLimiter WindowLimiter(Func<WindowShape?> window, Func<TimeSpan> answerTime);

    /// <summary>
    /// Learns the token's window, with the other instances, from a 429 on the token's budget whose Retry-After points to
    /// <paramref name="reset"/>, for a server that sends no rate-limit headers.
    /// </summary>
    /// <returns>
    /// Whether it taught the window (<see langword="true"/>) or nothing (<see langword="false"/>); <see langword="null"/>
    /// when the store cannot be reached, so that this instance learns alone.
    /// </returns>
    bool? Learn(DateTimeOffset sent, DateTimeOffset reset);
}
