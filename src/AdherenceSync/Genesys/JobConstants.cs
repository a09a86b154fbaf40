namespace AdherenceSync.Genesys;

internal static class JobConstants
{
    public static readonly TimeSpan DefaultConfirmationTimeout = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan DefaultFirstPollDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(15);

    public const string Complete = "Complete";

    public const string Error = "Error";

    public const string Processing = "Processing";
}
