using System.ComponentModel.DataAnnotations;
using AdherenceSync.Batching;
using Microsoft.Extensions.Options;

namespace AdherenceSync;

/// <summary>
/// Options of an AdherenceSync client.
/// </summary>
public sealed class AdherenceSyncOptions
{
    /// <summary>
    /// Gets or sets the base URL of the WFM API, such as <c>https://api.mypurecloud.com</c>.
    /// </summary>
    /// <remarks>
    /// Plain <c>http://</c> is accepted only for a loopback host, such as a local simulator.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>; it must be set.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Gets or sets the bearer token sent with every request.
    /// </summary>
    /// <remarks>
    /// The token never appears in logs, exception messages, reports or <see cref="ToString"/>.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>; it must be set.</value>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Gets or sets how many rows of one queue make a batch: the unit of progress, logging and tracing.
    /// </summary>
    /// <remarks>Rows are still sent one request each, in input order within their queue.</remarks>
    /// <value>The default value is 10. Range: 1 to 100.</value>
    [Range(BatchingConstants.MinBatchSize, BatchingConstants.MaxBatchSize)]
    public int BatchSize { get; set; } = BatchingConstants.DefaultBatchSize;

    /// <summary>
    /// Gets or sets how many queues may be worked on at once. Within one queue, no two requests are ever in flight together.
    /// </summary>
    /// <value>The default value is 1: queues are processed one after another. Range: 1 to 16.</value>
    [Range(1, BatchingConstants.MaxParallelQueues)]
    public int MaxParallelQueues { get; set; } = BatchingConstants.DefaultMaxParallelQueues;

    /// <summary>
    /// Gets or sets the pacing options.
    /// </summary>
    /// <value>The default value is a new <see cref="PacingOptions"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public PacingOptions Pacing { get; set; } = new();

    /// <summary>
    /// Gets or sets the retry options.
    /// </summary>
    /// <value>The default value is a new <see cref="RetryOptions"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public RetryOptions Retry { get; set; } = new();

    /// <inheritdoc/>
    public override string ToString()
        => $"BaseAddress={BaseAddress}, AccessToken={(AccessToken is null ? "(none)" : "(set)")}, BatchSize={BatchSize}, MaxParallelQueues={MaxParallelQueues}, RequestsPerMinute={Pacing.RequestsPerMinute}";
}
