namespace AdherenceSync;

internal static class AdherenceRowConstants
{
    public const string DefaultType = "Late";

    public const int MinLengthMinutes = 1;

    public const int MaxLengthMinutes = 1440;

    public const int MaxNotesLength = 2000;

    /// <summary>The platform's admin statuses of an explanation, as its API spells them.</summary>
    public static readonly string[] Statuses = ["Pending", "Approved", "Denied"];

    /// <summary>The platform refuses payloads of this many bytes or more.</summary>
    public const int MaxBodyBytes = 512_000;

    /// <summary>A streamed push finds a duplicate among the latest this many valid rows it read.</summary>
    public const int StreamedKeysRemembered = 65_536;
}
