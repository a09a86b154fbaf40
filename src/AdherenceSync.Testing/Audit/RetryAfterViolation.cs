namespace AdherenceSync.Testing;

/// <summary>
/// A request that arrived while a 429's Retry-After, on the budget it shares, was still running.
/// </summary>
/// <param name="Request">The request that came too early.</param>
/// <param name="ThrottledRequest">The number of the request that was answered 429.</param>
/// <param name="RetryAfterEnds">When the Retry-After ended, on the simulator's clock.</param>
public sealed record RetryAfterViolation(SimulatorRequest Request, int ThrottledRequest, DateTimeOffset RetryAfterEnds);
