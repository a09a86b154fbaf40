using System.ComponentModel.DataAnnotations;
using AdherenceSync.Pacing;

namespace AdherenceSync;

/// <summary>
/// Options that pace sends: a budget shared by the whole client, and an optional budget per queue.
/// </summary>
public sealed class PacingOptions
{
    /// <summary>
    /// Gets or sets the request budget of the whole client, in requests a minute, as a token bucket.
    /// </summary>
    /// <remarks>
    /// Every request counts: each retry too. Set it to the budget of your OAuth client.
    /// </remarks>
    /// <value>The default value is 300, Genesys Cloud's default for a client-credentials token. Range: 1 to 1,000,000.</value>
    [Range(1, PacingConstants.MaxRequestsPerMinute)]
    public int RequestsPerMinute { get; set; } = PacingConstants.DefaultRequestsPerMinute;

    /// <summary>
    /// Gets or sets the request budget of each queue, in requests a minute, or <see langword="null"/> for none.
    /// </summary>
    /// <remarks>
    /// Use it when a queue's writes hit a lower limit than the client's, for example a hidden per-resource limit.
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
