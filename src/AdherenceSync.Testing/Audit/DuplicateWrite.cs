namespace AdherenceSync.Testing;

/// <summary>
/// One explanation (same agent, start, length and type) that the simulator stored more than once.
/// </summary>
/// <param name="AgentId">The agent.</param>
/// <param name="StartDate">The start date as sent.</param>
/// <param name="LengthMinutes">The length.</param>
/// <param name="Type">The type.</param>
/// <param name="Count">How many times it was stored.</param>
/// <param name="Org">The organisation it was stored in, if known.</param>
public sealed record DuplicateWrite(string AgentId, string StartDate, int LengthMinutes, string Type, int Count, string? Org = null);
