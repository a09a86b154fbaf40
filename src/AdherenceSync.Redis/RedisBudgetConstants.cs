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
    /// The share of a window's length before the start of the server's current window (as this instance's headers show
    /// it) whose sends the shared window still counts in it: instances' estimates of the start differ a little.
    /// </summary>
    public const double WindowStartMargin = 0.1;

    /// <summary>How long the shared window keeps the sends made while no window is known yet.</summary>
    public static readonly TimeSpan UnknownWindowKept = TimeSpan.FromMinutes(1);
}
