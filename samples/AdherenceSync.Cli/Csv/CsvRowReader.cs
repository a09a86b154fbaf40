using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace AdherenceSync.Cli.Csv;

/// <summary>
/// Reads <c>agentId,queueId,startDate,lengthMinutes,type,notes</c> with CsvHelper (RFC 4180 quoting), then checks each row
/// as the library will, so that every invalid line is reported before anything is sent.
/// </summary>
internal static partial class CsvRowReader
{
    public static CsvInput Read(TextReader reader)
    {
        var input = new CsvInput();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };

        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                input.Errors.Add(new(1, "header", $"the file is empty; expected the header {string.Join(',', CsvColumns.All)}."));
                return input;
            }

            if (!CheckHeader(csv.HeaderRecord ?? [], input))
            {
                return input;
            }

            var columns = csv.HeaderRecord!.Length;
            while (csv.Read())
            {
                ReadRecord(csv, columns, input);
            }
        }
        catch (CsvHelperException e)
        {
            var line = e.Context?.Parser?.RawRow is { } raw and > 0 ? (int)raw : 1;
            input.Errors.Add(new(line, "file", $"is not valid CSV ({e.GetType().Name})."));
        }

        ValidateRows(input);
        return input;
    }

    private static bool CheckHeader(string[] header, CsvInput input)
    {
        var missing = CsvColumns.All.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToArray();
        var extra = header.Where(h => !CsvColumns.All.Contains(h, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            input.Errors.Add(new(1, "header", $"missing column(s) {string.Join(", ", missing)}; expected {string.Join(',', CsvColumns.All)}."));
        }

        if (extra.Length > 0)
        {
            input.Errors.Add(new(1, "header", $"unexpected column(s) {string.Join(", ", extra)}; expected {string.Join(',', CsvColumns.All)}."));
        }

        return missing.Length == 0 && extra.Length == 0;
    }

    private static void ReadRecord(CsvReader csv, int columns, CsvInput input)
    {
        // A quoted field may span lines: the record starts where its raw text began.
        var raw = csv.Parser.RawRecord;
        var line = (int)csv.Parser.RawRow - raw.TrimEnd('\r', '\n').Count(c => c == '\n');
        if (csv.Parser.Count != columns)
        {
            input.Errors.Add(new(line, "row", $"has {csv.Parser.Count} field(s); expected {columns}."));
            return;
        }

        var before = input.Errors.Count;
        var start = ParseStart(csv.GetField(CsvColumns.StartDate) ?? string.Empty, line, input);
        var length = ParseLength(csv.GetField(CsvColumns.LengthMinutes) ?? string.Empty, line, input);
        if (input.Errors.Count > before)
        {
            return;
        }

        var type = csv.GetField(CsvColumns.Type);
        var notes = csv.GetField(CsvColumns.Notes);
        input.Rows.Add(new AdherenceRow
        {
            AgentId = csv.GetField(CsvColumns.AgentId) ?? string.Empty,
            QueueId = csv.GetField(CsvColumns.QueueId) ?? string.Empty,
            StartDate = start,
            LengthMinutes = length,
            Type = string.IsNullOrEmpty(type) ? "Late" : type,
            Notes = string.IsNullOrEmpty(notes) ? null : notes,
        });
        input.Lines.Add(line);
    }

    private static DateTimeOffset ParseStart(string value, int line, CsvInput input)
    {
        if (!IsoDateTime().IsMatch(value))
        {
            input.Errors.Add(new(line, CsvColumns.StartDate, $"'{value}' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z."));
            return default;
        }

        if (!OffsetSuffix().IsMatch(value))
        {
            input.Errors.Add(new(line, CsvColumns.StartDate, $"'{value}' has no UTC offset; add Z or +hh:mm."));
            return default;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            input.Errors.Add(new(line, CsvColumns.StartDate, $"'{value}' is not a valid date-time."));
        }

        return start;
    }

    private static int ParseLength(string value, int line, CsvInput input)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var length))
        {
            input.Errors.Add(new(line, CsvColumns.LengthMinutes, $"'{value}' is not a whole number of minutes."));
        }

        return length;
    }

    private static void ValidateRows(CsvInput input)
    {
        foreach (var error in AdherenceRowValidator.Validate(input.Rows))
        {
            var message = error.DuplicateOf is { } first
                ? $"same agentId, startDate, lengthMinutes and type as line {input.Lines[first]}; it would be written twice."
                : error.Message;
            input.Errors.Add(new(input.Lines[error.Index], CsvColumns.ForField(error.Field), message));
        }

        // Stable: problems of one line keep the order they were found in.
        var ordered = input.Errors.OrderBy(e => e.Line).ToList();
        input.Errors.Clear();
        input.Errors.AddRange(ordered);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
