namespace AdherenceSync.Genesys;

/// <summary>The answer to an explanation write: a job, plus the explanation when the work finished at once.</summary>
internal sealed class ExplanationWriteResponse
{
    public ExplanationJob? Job { get; init; }

    public AdherenceExplanation? AdherenceExplanation { get; init; }
}
