namespace AdherenceSync.Pacing;

internal static class PacingConstants
{
    /// <summary>Genesys Cloud's default budget for a client-credentials token.</summary>
    public const int DefaultRequestsPerMinute = 300;

    public const int MaxRequestsPerMinute = 1_000_000;

    /// <summary>The partition key of the budget shared by the whole client.</summary>
    public const string ClientPartition = "client";

    /// <summary>The partition key of the gate that bounds how many queues have a request in flight.</summary>
    public const string GatePartition = "gate";

    /// <summary>Genesys' budgets are per minute: the window assumed when a server gives no window length.</summary>
    public static readonly TimeSpan DefaultHeaderWindow = TimeSpan.FromSeconds(60);

    /// <summary>The slowest rate header pacing goes down to, in requests a second, while anything is left.</summary>
    public const double MinHeaderRate = 0.05;

    /// <summary>
    /// The bucket holds half a second of sends: a burst stays well inside what a server allows per second, with room for
    /// the offset between when the client takes a permit and when the server counts the request.
    /// </summary>
    public static double BurstFor(double permitsPerSecond) => Math.Max(1, Math.Floor(permitsPerSecond / 2));
}
