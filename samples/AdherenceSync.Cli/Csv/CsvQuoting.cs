using CsvHelper;

namespace AdherenceSync.Cli.Csv;

/// <summary>
/// Strict RFC 4180 quoting. CsvHelper reads a stray quote leniently: an unterminated quoted field swallows every line
/// after it into one field (rows lost without a word), and <c>ab"cd</c> is taken as it is. Each is an error here that
/// names the line and the field.
/// </summary>
internal static class CsvQuoting
{
    /// <summary>The error for a field CsvHelper found bad data in.</summary>
    /// <param name="line">The line the record starts on, as <see cref="CsvRecordParser.StartLine"/> counts it.</param>
    /// <param name="rawField">The field as it was in the file.</param>
    /// <param name="rawRecord">The record as it was in the file.</param>
    /// <param name="header">The header's columns, to name the field.</param>
    public static InputError Problem(int line, string rawField, string rawRecord, string[]? header)
    {
        var index = FieldIndex(rawRecord, rawField);
        var column = header is not null && index < header.Length ? header[index] : CsvColumns.Row;
        var unterminated = rawField.StartsWith('"') && rawField.Count(c => c == '"') % 2 == 1;

        // An unterminated field runs to the end of the file: its last newline is inside it, and CsvHelper counts one
        // line more for it than the record holds.
        if (unterminated && rawRecord.EndsWith('\n'))
        {
            line--;
        }

        var message = unterminated
            ? "a quote opens this field and none closes it, so every line after it would be read into it; close the quote."
            : rawField.StartsWith('"')
                ? "has text after its closing quote; a quote inside a quoted field is written twice (\"\")."
                : "has a quote inside an unquoted field; quote the whole field and write the quote twice (\"\").";
        return new(line, column, message);
    }

    /// <summary>The field's position in its record: commas outside quotes before where it starts.</summary>
    private static int FieldIndex(string rawRecord, string rawField)
    {
        var at = rawRecord.IndexOf(rawField, StringComparison.Ordinal);
        var end = at < 0 ? rawRecord.Length : at;
        var index = 0;
        var quoted = false;
        for (var i = 0; i < end; i++)
        {
            if (rawRecord[i] == '"')
            {
                quoted = !quoted;
            }
            else if (rawRecord[i] == ',' && !quoted)
            {
                index++;
            }
        }

        return index;
    }

    /// <summary>Reports every bad field of the record just read; returns whether there was any.</summary>
    public static bool Report(CsvReader csv, List<(string Field, string RawRecord)> bad, Action<InputError> onError)
    {
        if (bad.Count == 0)
        {
            return false;
        }

        var line = CsvRecordParser.StartLine(csv);
        foreach (var (field, raw) in bad)
        {
            onError(Problem(line, field, raw, csv.HeaderRecord));
        }

        bad.Clear();
        return true;
    }
}
