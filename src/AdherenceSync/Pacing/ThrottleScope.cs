namespace AdherenceSync.Pacing;

/// <summary>Which budget a 429 exhausted.</summary>
internal enum ThrottleScope
{
    /// <summary>The token's budget, which every queue shares: every queue pauses.</summary>
    Client,

    /// <summary>The queue's own (hidden) limit: that queue pauses and slows alone.</summary>
    Queue,
}
