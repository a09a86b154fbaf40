namespace AdherenceSync.Resilience;

internal static class ResilienceConstants
{
    public const int DefaultMaxAttempts = 5;

    public const int MaxAttempts = 5;

    public const string MinDelay = "00:00:00.001";

    public const string MaxComputedDelay = "00:00:30";

    public const string MaxAttemptTimeout = "00:10:00";

    public const string MaxRetryAfterLimit = "1.00:00:00";

    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(180);

    public const string PipelineName = "AdherenceSync";
}
