namespace AdherenceSync.Pacing;

internal static class PacingConstants
{
    /// <summary>Genesys Cloud's default budget for a client-credentials token.</summary>
    public const int DefaultRequestsPerMinute = 300;

    public const int MaxRequestsPerMinute = 1_000_000;

    /// <summary>The partition key of the budget shared by the whole client.</summary>
    public const string ClientPartition = "client";

    /// <summary>The bucket holds one second of sends, so a burst never outruns a per-second view of the budget.</summary>
    public static double BurstFor(double permitsPerSecond) => Math.Max(1, Math.Floor(permitsPerSecond));
}
