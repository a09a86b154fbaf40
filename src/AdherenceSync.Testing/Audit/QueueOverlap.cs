namespace AdherenceSync.Testing;

/// <summary>
/// Two writes of one queue that the simulator was working on at the same time.
/// </summary>
/// <param name="QueueId">The queue.</param>
/// <param name="EarlierRequest">The number of the request that was still being worked on.</param>
/// <param name="LaterRequest">The number of the request that arrived meanwhile.</param>
public sealed record QueueOverlap(string QueueId, int EarlierRequest, int LaterRequest);
