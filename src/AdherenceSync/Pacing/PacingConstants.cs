namespace AdherenceSync.Pacing;

internal static class PacingConstants
{
    /// <summary>Genesys Cloud's default budget for a client-credentials token.</summary>
    public const int DefaultRequestsPerMinute = 300;

    public const int MaxRequestsPerMinute = 1_000_000;

    /// <summary>The partition key of the budget shared by the whole client.</summary>
    public const string ClientPartition = "client";

    /// <summary>Genesys' budgets are per minute: the window assumed when a server gives no window length.</summary>
    public static readonly TimeSpan DefaultHeaderWindow = TimeSpan.FromSeconds(60);

    /// <summary>The slowest rate header pacing goes down to, in requests a second, while anything is left.</summary>
    public const double MinHeaderRate = 0.05;

    /// <summary>The bucket holds one second of sends, so a burst never outruns a per-second view of the budget.</summary>
    public static double BurstFor(double permitsPerSecond) => Math.Max(1, Math.Floor(permitsPerSecond));
}
