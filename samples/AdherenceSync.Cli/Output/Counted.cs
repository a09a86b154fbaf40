using System.Globalization;

namespace AdherenceSync.Cli.Output;

/// <summary>A count with its noun in the right number: "1 row", "2 rows".</summary>
internal static class Counted
{
    public static string Of(int count, string singular, string plural)
        => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}
