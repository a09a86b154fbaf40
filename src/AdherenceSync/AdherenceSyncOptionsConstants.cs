namespace AdherenceSync;

internal static class AdherenceSyncOptionsConstants
{
    public const int DefaultBatchSize = 10;

    public const int MinBatchSize = 1;

    public const int MaxBatchSize = 100;

    public const int DefaultMaxParallelQueues = 1;

    public const int MaxParallelQueues = 16;

    public const int DefaultMaxRowsPerPush = 1_000_000;

    public const int MaxMaxRowsPerPush = 10_000_000;

    public const int DefaultMaxRowsHeld = 1_000;

    public const int MaxMaxRowsHeld = 100_000;
}
