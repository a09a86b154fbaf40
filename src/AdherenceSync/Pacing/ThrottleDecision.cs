namespace AdherenceSync.Pacing;

/// <summary>What pacing made of a 429: the budget it paused, for how long, and why it chose that budget.</summary>
/// <param name="Scope">The budget that pauses.</param>
/// <param name="Pause">How long it pauses: the Retry-After, or one base delay when the answer had no usable one.</param>
/// <param name="Evidence">What the choice of budget rests on, for the log.</param>
/// <param name="Unexplained">
/// Whether no known budget explains the 429 (the headers said that budget had room, or the window had taken far less than
/// it was shown to hold): it is honoured, but teaches nothing.
/// </param>
internal readonly record struct ThrottleDecision(ThrottleScope Scope, TimeSpan Pause, string Evidence, bool Unexplained = false);
