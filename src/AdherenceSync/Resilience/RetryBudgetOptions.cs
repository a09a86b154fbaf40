using System.ComponentModel.DataAnnotations;
using AdherenceSync.Resilience;

namespace AdherenceSync;

/// <summary>
/// Options of the retry budget: the AWS SDKs' standard-mode retry quota, shared by every request of a client, so that
/// under a storm retries cannot multiply.
/// </summary>
/// <remarks>
/// A retry takes <see cref="RetryCost"/> (a retry after a timeout takes <see cref="TimeoutRetryCost"/>). A request that
/// succeeds gives back what its retries took, or <see cref="SuccessRefund"/> when it needed none. When the budget cannot
/// pay for a retry, the row fails with "retry budget exhausted" instead of being retried.
/// </remarks>
public sealed class RetryBudgetOptions
{
    /// <summary>Gets or sets a value indicating whether the retry budget is on.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the size of the budget, in tokens.</summary>
    /// <value>The default value is 500. Range: 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = RetryBudgetConstants.DefaultCapacity;

    /// <summary>Gets or sets what one retry costs.</summary>
    /// <value>The default value is 5. Range: 0 to 1,000,000.</value>
    [Range(0, 1_000_000)]
    public int RetryCost { get; set; } = RetryBudgetConstants.DefaultRetryCost;

    /// <summary>Gets or sets what one retry after an attempt timeout costs.</summary>
    /// <value>The default value is 10. Range: 0 to 1,000,000.</value>
    [Range(0, 1_000_000)]
    public int TimeoutRetryCost { get; set; } = RetryBudgetConstants.DefaultTimeoutRetryCost;

    /// <summary>Gets or sets what a request that succeeded without a retry gives back.</summary>
    /// <value>The default value is 1. Range: 0 to 1,000,000.</value>
    [Range(0, 1_000_000)]
    public int SuccessRefund { get; set; } = RetryBudgetConstants.DefaultSuccessRefund;
}
