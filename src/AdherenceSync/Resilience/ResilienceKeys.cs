using Polly;

namespace AdherenceSync.Resilience;

internal static class ResilienceKeys
{
    public static readonly ResiliencePropertyKey<RowAttempt> Row = new("AdherenceSync.Row");

    public static readonly ResiliencePropertyKey<string> Queue = new("AdherenceSync.Queue");

    public static readonly ResiliencePropertyKey<RequestKind> Kind = new("AdherenceSync.Kind");
}
