using System.ComponentModel.DataAnnotations;
using AdherenceSync.Annotations;
using StackExchange.Redis;

namespace AdherenceSync.Redis;

/// <summary>
/// Options of a budget shared through Redis by every instance of a service that pushes with the same credentials.
/// </summary>
/// <remarks>
/// Instances share a budget when they use the same Redis, the same <see cref="KeyPrefix"/> and the same AdherenceSync
/// registration name. The budget's rate is the client's <see cref="PacingOptions.RequestsPerMinute"/> (and, when
/// <see cref="ShareQueueBudgets"/> is on, each queue's <see cref="PacingOptions.QueueRequestsPerMinute"/>): set it to the
/// token's whole budget. Without it no bucket is shared, only the pauses 429s ask for.
/// </remarks>
public sealed class RedisBudgetOptions
{
    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration string, such as <c>localhost:6379</c> or
    /// <c>redis.internal:6380,ssl=true,password=...</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. Required unless a connection multiplexer is given.</value>
    public string? Configuration { get; set; }

    /// <summary>
    /// Gets or sets how many instances usually share the budget. While Redis is unreachable, each instance paces at the
    /// budget divided by this number.
    /// </summary>
    /// <value>The default value is 2. Set it to your replica count.</value>
    [Range(1, RedisBudgetConstants.MaxExpectedInstances)]
    public int ExpectedInstances { get; set; } = RedisBudgetConstants.DefaultExpectedInstances;

    /// <summary>
    /// Gets or sets what a client does while Redis is unreachable or slow.
    /// </summary>
    /// <value>The default value is <see cref="RedisFallbackMode.LocalPacing"/>.</value>
    [EnumDataType(typeof(RedisFallbackMode))]
    public RedisFallbackMode FallbackMode { get; set; } = RedisFallbackMode.LocalPacing;

    /// <summary>
    /// Gets or sets the prefix of the Redis keys and channels of the budget.
    /// </summary>
    /// <value>The default value is <c>adherencesync</c>.</value>
    [Required]
    [MinLength(1)]
    public string KeyPrefix { get; set; } = RedisBudgetConstants.DefaultKeyPrefix;

    /// <summary>
    /// Gets or sets a value indicating whether the per-queue budgets (<see cref="PacingOptions.QueueRequestsPerMinute"/>),
    /// when set, are shared as well.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ShareQueueBudgets { get; set; } = true;

    /// <summary>
    /// Gets or sets how long one Redis call may take before the client treats Redis as unavailable.
    /// </summary>
    /// <value>The default value is 500 milliseconds. Allowed: 10 ms to 30 s.</value>
    [TimeSpanRange("00:00:00.010", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = RedisBudgetConstants.DefaultOperationTimeout;

    /// <summary>
    /// Gets or sets how often, while pacing locally, the client tries Redis again.
    /// </summary>
    /// <value>The default value is 2 seconds. Allowed: 100 ms to 10 min.</value>
    [TimeSpanRange("00:00:00.100", "00:10:00")]
    public TimeSpan RecoveryInterval { get; set; } = RedisBudgetConstants.DefaultRecoveryInterval;

    /// <summary>Gets or sets a connection the application already has; it is used as is and not disposed.</summary>
    internal IConnectionMultiplexer? Connection { get; set; }
}
