using System.ComponentModel.DataAnnotations;
using AdherenceSync.Pacing;

namespace AdherenceSync;

/// <summary>
/// Options that pace sends: a budget shared by the whole client, and an optional budget per queue.
/// </summary>
public sealed class PacingOptions
{
    /// <summary>
    /// Gets or sets a ceiling on the request budget of the whole client, in requests a minute, as a token bucket; or
    /// <see langword="null"/> to go as fast as the server allows.
    /// </summary>
    /// <remarks>
    /// Every request counts: each retry too. The client learns the server's real budget from what it answers (its
    /// rate-limit headers, else its 429s and their Retry-After), so it need not be told. A value set here is a ceiling the
    /// client never goes above, even when the server would allow more; a value higher than the server's budget is
    /// corrected by what the server says.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>: no ceiling; the budget is learned. Range: 1 to 1,000,000.</value>
    [Range(1, PacingConstants.MaxRequestsPerMinute)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Gets or sets the request budget of each queue, in requests a minute, or <see langword="null"/> for none.
    /// </summary>
    /// <remarks>
    /// A queue's hidden limit is learned from the 429s that name it, so this is needed only as a ceiling of your own.
    /// </remarks>
    /// <value>The default value is <see langword="null"/> (off). Range: 1 to 1,000,000.</value>
    [Range(1, PacingConstants.MaxRequestsPerMinute)]
    public int? QueueRequestsPerMinute { get; set; }

    /// <summary>
    /// Gets or sets the adaptive pacing options.
    /// </summary>
    /// <value>The default value is a new <see cref="AdaptivePacingOptions"/>: adaptive pacing on.</value>
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    [Required]
    public AdaptivePacingOptions Adaptive { get; set; } = new();
}
