namespace AdherenceSync.Genesys;

/// <summary>
/// A job of the platform (<c>AddExplanation</c>, <c>UpdateExplanation</c>, <c>QueryAgentExplanations</c>,
/// <c>QueryBuExplanations</c>): <c>Processing</c>, <c>Complete</c> or <c>Error</c>.
/// </summary>
internal sealed class ExplanationJob
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? SelfUri { get; init; }

    public AdherenceExplanation? AdherenceExplanation { get; init; }

    /// <summary>Gets where a complete query job's listing is served.</summary>
    public string? DownloadUrl { get; init; }

    public GenesysError? Error { get; init; }
}
