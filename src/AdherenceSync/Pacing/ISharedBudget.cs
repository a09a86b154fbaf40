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

    /// <summary>Tells the other instances that the server asked for no request before <paramref name="until"/>.</summary>
    void PublishPause(DateTimeOffset until);

    /// <summary>Calls <paramref name="onPause"/> with each pause another instance publishes.</summary>
    void Subscribe(Action<DateTimeOffset> onPause);

    /// <summary>Tells the other instances that this one stopped sending: the share of the token it used is free.</summary>
    void PublishReleased();

    /// <summary>Calls <paramref name="onReleased"/> each time another instance publishes that it stopped sending.</summary>
    void SubscribeReleased(Action onReleased);

    /// <summary>
    /// Gets a limiter that keeps a window across every instance: at most its allowance in any span of its length, and, once
    /// the headers have shown where the server's window starts, only the sends since that start count against it.
    /// <paramref name="window"/> says the window to keep at each send, or nothing while none is known.
    /// </summary>
    RateLimiter WindowLimiter(Func<WindowShape?> window);
}
