namespace AdherenceSync.Pacing;

internal static class PacingConstants
{
    public const int MaxRequestsPerMinute = 1_000_000;

    /// <summary>The partition key of the budget shared by the whole client.</summary>
    public const string ClientPartition = "client";

    /// <summary>
    /// How much longer than its Retry-After a pause lasts: the refused rows wait the Retry-After from when their retry is
    /// scheduled, a little after the answer was read, and must be waiting again when the pause ends, ahead of fresh rows.
    /// </summary>
    public static readonly TimeSpan PauseMargin = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a queue's budget may go unused before it is dropped (a returning queue starts from its siblings' limit).</summary>
    public static readonly TimeSpan QueueIdleEviction = TimeSpan.FromMinutes(10);

    /// <summary>How often idle queue budgets are looked for.</summary>
    public static readonly TimeSpan QueueSweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>The prefix of the lease metadata that numbers a limiter's grants.</summary>
    public const string GrantMetadataPrefix = "AdherenceSync.Grant:";

    /// <summary>
    /// How Genesys Cloud's limit keys for a token's own budget end (<c>client.credentials.token.rate.per.minute</c>,
    /// <c>token.rate.per.minute</c>). A 429 naming any other limit exhausted a resource's own.
    /// </summary>
    public const string TokenLimitKeySuffix = "token.rate.per.minute";

    /// <summary>
    /// A configured rate is a ceiling, not a pace: its bucket holds a whole minute of sends, so that a window's share can go
    /// at the window's start, as the server counts it, while no more than the rate goes over any longer run. Against a
    /// fixed window of up to a minute at that rate this is never slower than the server allows; the learned window, the
    /// headers and the 429s keep the sends inside the server's real window.
    /// </summary>
    public static double CeilingFor(double permitsPerSecond)
        => double.IsPositiveInfinity(permitsPerSecond) ? 1 : Math.Max(1, Math.Floor(permitsPerSecond * 60));
}
