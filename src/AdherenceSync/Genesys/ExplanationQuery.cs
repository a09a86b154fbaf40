namespace AdherenceSync.Genesys;

/// <summary>The body of <c>POST .../agents/{agentId}/adherence/explanations/query</c>.</summary>
internal sealed class ExplanationQuery
{
    public required string StartDate { get; init; }

    public required string EndDate { get; init; }

    /// <summary>Gets the agents a business-unit query is about; <see langword="null"/> in an agent's own query.</summary>
    public IReadOnlyList<string>? AgentIds { get; init; }
}
