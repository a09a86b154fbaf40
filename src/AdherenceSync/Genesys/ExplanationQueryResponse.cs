namespace AdherenceSync.Genesys;

/// <summary>The answer to an explanation query: the listing inline, or a job whose <c>downloadUrl</c> serves it.</summary>
internal sealed class ExplanationQueryResponse
{
    public ExplanationJob? Job { get; init; }

    public ExplanationListing? Result { get; init; }

    public string? DownloadUrl { get; init; }
}
