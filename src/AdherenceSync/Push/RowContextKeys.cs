using Polly;

namespace AdherenceSync.Push;

/// <summary>What a request's resilience context carries for the retry and the permit.</summary>
internal static class RowContextKeys
{
    public static readonly ResiliencePropertyKey<RowAttempt> Row = new("AdherenceSync.Row");

    public static readonly ResiliencePropertyKey<string> Queue = new("AdherenceSync.Queue");

    public static readonly ResiliencePropertyKey<RequestKind> Kind = new("AdherenceSync.Kind");
}
