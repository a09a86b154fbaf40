namespace AdherenceSync.Testing;

/// <summary>
/// An explanation the simulator stored.
/// </summary>
/// <param name="ExplanationId">The identifier the simulator gave it.</param>
/// <param name="RequestNumber">The number of the request that wrote it.</param>
/// <param name="AppliedAt">When it was stored, on the simulator's clock.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="QueueId">The agent's queue from <see cref="WfmSimulatorOptions.AgentQueues"/>, if known.</param>
/// <param name="Type">The explanation type.</param>
/// <param name="StartDate">The start date exactly as sent.</param>
/// <param name="LengthMinutes">The length in minutes.</param>
/// <param name="Notes">The notes, if any.</param>
/// <param name="Org">The organisation it was written to, when the token was issued by the simulator.</param>
public sealed record AppliedWrite(
    string ExplanationId, int RequestNumber, DateTimeOffset AppliedAt, string AgentId, string? QueueId,
    string Type, string StartDate, int LengthMinutes, string? Notes, string? Org = null)
{
    /// <summary>Gets the admin status it was stored with: the body's <c>status</c>, or <c>Pending</c> when none was sent.</summary>
    /// <value>The default value is <c>Pending</c>.</value>
    public string Status { get; init; } = "Pending";
}
