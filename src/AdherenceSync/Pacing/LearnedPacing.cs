namespace AdherenceSync.Pacing;

/// <summary>
/// What pacing learned from 429s that is worth keeping for the next run: the token's window (its allowance and length),
/// and the window the queues' hidden limit showed, which every new queue starts from. Headers need no keeping: the first
/// answer says them again.
/// </summary>
/// <param name="ClientAllowed">Requests the token's window allows, when learned.</param>
/// <param name="ClientWindowSeconds">The token window's length in seconds, when learned.</param>
/// <param name="QueueAllowed">Requests a queue's hidden window allows, when learned.</param>
/// <param name="QueueWindowSeconds">The queue window's length in seconds, when learned.</param>
internal sealed record LearnedPacing(double? ClientAllowed, double? ClientWindowSeconds, double? QueueAllowed, double? QueueWindowSeconds)
{
    public bool IsEmpty => ClientAllowed is null && QueueAllowed is null;
}
