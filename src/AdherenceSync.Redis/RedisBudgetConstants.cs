namespace AdherenceSync.Redis;

internal static class RedisBudgetConstants
{
    public const string DefaultKeyPrefix = "adherencesync";

    public const int DefaultExpectedInstances = 2;

    public const int MaxExpectedInstances = 1000;

    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultRecoveryInterval = TimeSpan.FromSeconds(2);

    /// <summary>The least and most time a waiting send lets pass before it asks Redis again for a permit.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A shared ceiling's bucket holds half a second of sends: a burst stays well inside what a server allows per second,
    /// with room for the offset between when the client takes a permit and when the server counts the request.
    /// </summary>
    public static double BurstFor(double permitsPerSecond) => Math.Max(1, Math.Floor(permitsPerSecond / 2));

    /// <summary>
    /// The share of a window's length before the start of the server's current window (as this instance's headers show
    /// it) whose sends the shared window still counts in it: instances' estimates of the start differ a little.
    /// </summary>
    public const double WindowStartMargin = 0.1;

    /// <summary>
    /// How long the shared window keeps the sends made while no window is known yet, and the least time a window learned
    /// from 429s is kept in Redis after its last use.
    /// </summary>
    public static readonly TimeSpan UnknownWindowKept = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the one place in flight (while the token's window is being learned, or for a probe) is held at most: an
    /// instance that stopped before its answer came does not hold the others for longer.
    /// </summary>
    public static readonly TimeSpan InFlightHeldAtMost = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many windows an allowance learned for the token holds before a probe for more: a probe that finds nothing costs
    /// one 429, so on a steady limit at most one in this many windows' requests (about 1 % of a window of 24).
    /// </summary>
    public const int LearnedWindowsBeforeProbe = 4;

    /// <summary>How many windows the window learned for the token is kept in Redis after its last use, so that the next run starts from it.</summary>
    public const int LearnedWindowsKept = 5;
}
