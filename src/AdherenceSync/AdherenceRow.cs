namespace AdherenceSync;

/// <summary>
/// One adherence exception to record in the WFM platform: a period in which an agent was out of adherence.
/// </summary>
/// <remarks>
/// Each row becomes one write (one POST) for its agent. The queue is never sent to the platform:
/// it decides pacing and ordering on the client only.
/// </remarks>
public sealed partial class AdherenceRow
{
    /// <summary>
    /// Gets the identifier of the agent the exception belongs to.
    /// </summary>
    public required string AgentId { get; init; }

    /// <summary>
    /// Gets the identifier of the ACD queue the agent worked. Rows are paced and ordered per queue.
    /// </summary>
    public required string QueueId { get; init; }

    /// <summary>
    /// Gets the start of the exception, with its UTC offset.
    /// </summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>
    /// Gets the length of the exception in whole minutes.
    /// </summary>
    /// <value>A value from 1 to 1440.</value>
    public required int LengthMinutes { get; init; }

    /// <summary>
    /// Gets the type of the exception, passed through to the platform.
    /// </summary>
    /// <value>The default value is <c>Late</c>.</value>
    public string Type { get; init; } = AdherenceRowConstants.DefaultType;

    /// <summary>
    /// Gets optional free-text notes.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. At most 2,000 characters.</value>
    public string? Notes { get; init; }

    /// <summary>
    /// Gets the optional admin status to record the explanation with: <c>Pending</c>, <c>Approved</c> or <c>Denied</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no status is sent, and the platform stores <c>Pending</c>.</value>
    public string? Status { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{AgentId}@{QueueId} {StartDate:O} +{LengthMinutes}m {Type}";
}
