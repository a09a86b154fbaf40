namespace AdherenceSync.Push;

/// <summary>The names a request kind has in spans and metrics.</summary>
internal static class RequestKindNames
{
    public static string Endpoint(this RequestKind kind) => kind switch
    {
        RequestKind.Poll => "poll",
        RequestKind.Query => "query",
        _ => "write",
    };
}
