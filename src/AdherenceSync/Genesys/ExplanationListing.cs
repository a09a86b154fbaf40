namespace AdherenceSync.Genesys;

/// <summary>A listing of explanations: <c>{ "entities": [ ... ] }</c>.</summary>
internal sealed class ExplanationListing
{
    public IReadOnlyList<AdherenceExplanation>? Entities { get; init; }
}
