using AdherenceSync.Annotations;
using System.ComponentModel.DataAnnotations;
using AdherenceSync.Resilience;

namespace AdherenceSync;

/// <summary>
/// Options of the retry pipeline that every request goes through.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>
    /// Gets or sets how many times one request may be sent in total, the first attempt included.
    /// </summary>
    /// <value>The default value is 5. Range: 1 to 5.</value>
    [Range(1, ResilienceConstants.MaxAttempts)]
    public int MaxAttempts { get; set; } = ResilienceConstants.DefaultMaxAttempts;

    /// <summary>
    /// Gets or sets the base of the exponential backoff: the median delay before the first retry.
    /// </summary>
    /// <value>The default value is 1 second. Range: 1 ms to 30 s.</value>
    [TimeSpanRange(ResilienceConstants.MinDelay, ResilienceConstants.MaxComputedDelay)]
    public TimeSpan BaseDelay { get; set; } = ResilienceConstants.DefaultBaseDelay;

    /// <summary>
    /// Gets or sets the cap on a computed (backoff) delay. A server's Retry-After is bounded by <see cref="MaxRetryAfter"/> instead.
    /// </summary>
    /// <value>The default value is 30 seconds. Range: 1 ms to 30 s.</value>
    [TimeSpanRange(ResilienceConstants.MinDelay, ResilienceConstants.MaxComputedDelay)]
    public TimeSpan MaxDelay { get; set; } = ResilienceConstants.DefaultMaxDelay;

    /// <summary>
    /// Gets or sets a value indicating whether computed delays are jittered.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets the time one attempt may take, reading its answer included. A timed-out attempt is retried.
    /// </summary>
    /// <value>The default value is 30 seconds. Range: 1 ms to 10 minutes.</value>
    [TimeSpanRange(ResilienceConstants.MinDelay, ResilienceConstants.MaxAttemptTimeout)]
    public TimeSpan AttemptTimeout { get; set; } = ResilienceConstants.DefaultAttemptTimeout;

    /// <summary>
    /// Gets or sets the longest Retry-After the client waits for. A row told to wait longer fails, quoting the server's wait,
    /// and rows not yet sent on the paused budget are not attempted.
    /// </summary>
    /// <value>The default value is 180 seconds. Range: 0 to 1 day.</value>
    [TimeSpanRange("00:00:00", ResilienceConstants.MaxRetryAfterLimit)]
    public TimeSpan MaxRetryAfter { get; set; } = ResilienceConstants.DefaultMaxRetryAfter;

    /// <summary>
    /// Gets or sets the retry budget shared by every request of the client.
    /// </summary>
    /// <value>The default value is a new <see cref="RetryBudgetOptions"/>: AWS standard mode's 500 tokens.</value>
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    [Required]
    public RetryBudgetOptions Budget { get; set; } = new();
}
