using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace AdherenceSync.Cli.Csv;

/// <summary>Turns one CSV record into a row, reporting the fields that do not parse.</summary>
internal static partial class CsvRecordParser
{
    // The library's limits on AdherenceRow.LengthMinutes, as its validator states them.
    private const int MinLengthMinutes = 1;
    private const int MaxLengthMinutes = 1440;

    /// <summary>The line where the current record starts: a quoted field may span lines.</summary>
    public static int StartLine(CsvReader csv)
        => (int)csv.Parser.RawRow - csv.Parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');

    public static (int Line, AdherenceRow Row)? Parse(CsvReader csv, Action<InputError> onError)
    {
        var line = StartLine(csv);
        var columns = csv.HeaderRecord!.Length;
        if (csv.Parser.Count != columns)
        {
            onError(new(line, CsvColumns.Row, $"has {csv.Parser.Count} field(s); expected {columns}."));
            return null;
        }

        var ok = TryParseStart(csv.GetField(CsvColumns.StartDate) ?? string.Empty, line, onError, out var start);
        ok &= TryParseLength(csv.GetField(CsvColumns.LengthMinutes) ?? string.Empty, line, onError, out var length);
        if (!ok)
        {
            return null;
        }

        var type = csv.GetField(CsvColumns.Type);
        var notes = csv.GetField(CsvColumns.Notes);
        var status = csv.GetField(CsvColumns.Status); // an optional column: null when the file has none (MissingFieldFound is off)
        return (line, new AdherenceRow
        {
            AgentId = csv.GetField(CsvColumns.AgentId) ?? string.Empty,
            QueueId = csv.GetField(CsvColumns.QueueId) ?? string.Empty,
            StartDate = start,
            LengthMinutes = length,
            Type = string.IsNullOrEmpty(type) ? "Late" : type,
            Notes = string.IsNullOrEmpty(notes) ? null : notes,
            Status = string.IsNullOrEmpty(status) ? null : status,
        });
    }

    private static bool TryParseStart(string value, int line, Action<InputError> onError, out DateTimeOffset start)
    {
        start = default;
        if (value.Length == 0)
        {
            onError(new(line, CsvColumns.StartDate, "must not be empty; expected an ISO-8601 date-time such as 2026-11-27T08:00:00Z."));
            return false;
        }

        if (!IsoDateTime().IsMatch(value))
        {
            onError(new(line, CsvColumns.StartDate, $"'{value}' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z."));
            return false;
        }

        if (!OffsetSuffix().IsMatch(value))
        {
            onError(new(line, CsvColumns.StartDate, $"'{value}' has no UTC offset; add Z or +hh:mm."));
            return false;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            onError(new(line, CsvColumns.StartDate, $"'{value}' is not a valid date-time."));
            return false;
        }

        return true;
    }

    private static bool TryParseLength(string value, int line, Action<InputError> onError, out int length)
    {
        if (value.Length == 0)
        {
            onError(new(line, CsvColumns.LengthMinutes, "must not be empty; expected a whole number of minutes."));
            length = 0;
            return false;
        }

        if (WholeNumber().IsMatch(value) && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out length))
        {
            // Digits too many for an int: out of range, said the way the library says it.
            onError(new(line, CsvColumns.LengthMinutes, $"must be between {MinLengthMinutes} and {MaxLengthMinutes} (was {value})."));
            return false;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out length))
        {
            onError(new(line, CsvColumns.LengthMinutes, $"'{value}' is not a whole number of minutes."));
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
