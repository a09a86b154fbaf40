namespace AdherenceSync.Genesys;

/// <summary>
/// The platform's error body: <c>{ "message", "code", "status", "contextId", "limit"? }</c>. Its <c>status</c> repeats the
/// HTTP status, which the classifier reads from the answer itself, so it is not kept.
/// </summary>
internal sealed class GenesysError
{
    public string? Message { get; init; }

    public string? Code { get; init; }

    public string? ContextId { get; init; }

    public GenesysRateLimit? Limit { get; init; }

    public override string ToString()
    {
        var text = (Code, Message) switch
        {
            (null, null) => "(no message)",
            (null, { } m) => m,
            ({ } c, null) => c,
            ({ } c, { } m) => $"{c}: {m}",
        };
        return Limit is { Key: not null } limit ? $"{text} (limit {limit.Namespace}/{limit.Key})" : text;
    }
}
