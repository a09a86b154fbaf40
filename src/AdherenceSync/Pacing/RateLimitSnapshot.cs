namespace AdherenceSync.Pacing;

/// <summary>What one answer said about the budget.</summary>
/// <param name="Limit">Requests allowed per window, when known.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="Reset">Time until the window resets.</param>
/// <param name="Window">The window's length, when the server said.</param>
/// <param name="Source">Which header family it came from.</param>
internal readonly record struct RateLimitSnapshot(double? Limit, double Remaining, TimeSpan Reset, TimeSpan? Window, string Source)
{
    /// <summary>The source name of Genesys' <c>inin-ratelimit-*</c> headers.</summary>
    public const string GenesysSource = "inin";

    /// <summary>
    /// Gets a value indicating whether the headers count a fixed window, whose end does not move as requests are sent:
    /// Genesys' are. Other families may describe a token bucket, whose reset is the time until it is full again.
    /// </summary>
    public bool IsFixedWindow => Source == GenesysSource;
}
