namespace AdherenceSync.Genesys;

/// <summary>The <c>job</c> of an explanation write: <c>Processing</c>, <c>Complete</c> or <c>Error</c>.</summary>
internal sealed class ExplanationJob
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? SelfUri { get; init; }

    public AdherenceExplanation? AdherenceExplanation { get; init; }

    public GenesysError? Error { get; init; }
}
