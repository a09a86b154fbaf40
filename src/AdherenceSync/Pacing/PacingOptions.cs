using System.ComponentModel.DataAnnotations;
using AdherenceSync.Pacing;

namespace AdherenceSync;

/// <summary>
/// Options that pace sends: a budget shared by the whole client, and an optional budget per queue.
/// </summary>
public sealed class PacingOptions
{
    /// <summary>
    /// Gets or sets a ceiling on the requests of the whole client, in requests a minute; or <see langword="null"/> to go as
    /// fast as the server allows.
    /// </summary>
    /// <remarks>
    /// Every request counts: each retry too. The client learns the server's real budget from what it answers (its
    /// rate-limit headers, else its 429s and their Retry-After), so it need not be told. A value set here is a ceiling that
    /// the learned budget works under, not a pace: a whole minute's requests may go at once (so a fixed window's share goes
    /// at the window's start, as the server counts it), and over longer runs no more than this many a minute. Told the
    /// server's exact budget, the client is as fast as when told nothing; told more, the server's answers correct it.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>: no ceiling; the budget is learned. Range: 1 to 1,000,000.</value>
    [Range(1, PacingConstants.MaxRequestsPerMinute)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Gets or sets a ceiling on the requests of each queue, in requests a minute, or <see langword="null"/> for none.
    /// </summary>
    /// <remarks>
    /// A queue's hidden limit is learned from the 429s that name it, so this is needed only as a ceiling of your own. Like
    /// <see cref="RequestsPerMinute"/>, a minute's requests may go at once.
    /// </remarks>
    /// <value>The default value is <see langword="null"/> (off). Range: 1 to 1,000,000.</value>
    [Range(1, PacingConstants.MaxRequestsPerMinute)]
    public int? QueueRequestsPerMinute { get; set; }

    /// <summary>
    /// Gets or sets a file that keeps what pacing learned from 429s (the token's window, and the queues' hidden limit)
    /// between runs, or <see langword="null"/> to keep it in memory only.
    /// </summary>
    /// <remarks>
    /// Read when the client is created and written after each push, so that a daily push against a server that sends no
    /// rate-limit headers starts warm and spends no 429s learning its window again. A missing or unreadable file is a cold
    /// start. What was kept is a first guess: a 429 it did not foresee makes the client learn the window again.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? StateFile { get; set; }

    /// <summary>
    /// Gets or sets the adaptive pacing options.
    /// </summary>
    /// <value>The default value is a new <see cref="AdaptivePacingOptions"/>: adaptive pacing on.</value>
    [Required]
    public AdaptivePacingOptions Adaptive { get; set; } = new();
}
