namespace AdherenceSync.Genesys;

/// <summary>What a request carries for the handlers below the pipeline.</summary>
internal static class RequestKeys
{
    /// <summary>The queue whose budget the request counts against.</summary>
    public static readonly HttpRequestOptionsKey<string> Queue = new("AdherenceSync.Queue");
}
