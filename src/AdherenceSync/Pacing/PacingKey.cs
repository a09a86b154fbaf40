namespace AdherenceSync.Pacing;

/// <summary>What a send asks the pacing chain for: its queue, and its place in line.</summary>
/// <param name="Queue">The queue whose budget the send counts against.</param>
/// <param name="Class">Its place in line: re-sends, then rows that already sent a request, then fresh rows.</param>
internal readonly record struct PacingKey(string Queue, SendClass Class = SendClass.FirstRequest);
