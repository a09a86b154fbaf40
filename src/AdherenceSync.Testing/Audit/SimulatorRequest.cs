namespace AdherenceSync.Testing;

/// <summary>
/// One request the simulator received, and how it answered.
/// </summary>
/// <param name="Number">The 1-based number of the request among all requests received.</param>
/// <param name="ArrivedAt">When it arrived, on the simulator's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Token">The bearer token it carried, if any.</param>
/// <param name="AgentId">The agent it was for, if any.</param>
/// <param name="QueueId">The agent's queue, if known.</param>
/// <param name="StatusCode">The status answered; 0 for a dropped connection.</param>
/// <param name="Org">The organisation whose token it carried, if any.</param>
public sealed record SimulatorRequest(
    int Number, DateTimeOffset ArrivedAt, string Method, string Path, string? Token, string? AgentId, string? QueueId, int StatusCode, string? Org = null)
{
    /// <summary>Gets the budget the request counts against: its organisation's, else its token's.</summary>
    public string? Budget => Org ?? Token;

    /// <summary>Gets the request's <c>User-Agent</c> header, if it had one.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Gets the request's <c>Accept</c> header, if it had one.</summary>
    public string? Accept { get; init; }
}
