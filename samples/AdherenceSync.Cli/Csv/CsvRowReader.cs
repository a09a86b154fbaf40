using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace AdherenceSync.Cli.Csv;

/// <summary>
/// Reads <c>agentId,queueId,startDate,lengthMinutes,type,notes</c> with CsvHelper (strict RFC 4180 quoting: a stray or
/// unterminated quote is an error, <see cref="CsvQuoting"/>), streaming: a first
/// pass checks every line as the library will and keeps no row, so a file of any size is checked before anything is sent;
/// a second pass yields the rows to push.
/// </summary>
internal static class CsvRowReader
{
    /// <summary>Checks the whole file; stops at the first row past <paramref name="maxRows"/>.</summary>
    public static CsvCheck Check(TextReader reader, int maxRows)
    {
        var check = new CsvCheck();
        using var duplicates = new DuplicateFinder();
        var index = 0;
        foreach (var (line, row) in Records(reader, check.Add, maxRows, check.CountRecord))
        {
            check.AddRow(line, row.QueueId);

            // The library's rules for one row, each problem as soon as its row is read; a duplicate can be anywhere in
            // the file, so duplicates are found once it is read, among the rows that broke no other rule.
            var errors = AdherenceRowValidator.Validate([row]);
            foreach (var error in errors)
            {
                check.Add(new(line, CsvColumns.ForField(error.Field), error.Message));
            }

            if (errors.Count == 0)
            {
                duplicates.Add(row, index);
            }

            index++;
        }

        var (found, count) = duplicates.Find(CsvCheck.MaxErrorsKept);
        check.AddLate([.. found.Select(d => new InputError(check.Lines[d.Index], CsvColumns.ForField("Duplicate"),
            $"same agentId, startDate, lengthMinutes and type as line {check.Lines[d.First]}; it would be written twice."))], count);
        return check;
    }

    /// <summary>The rows of a file that <see cref="Check"/> found valid, read again lazily.</summary>
    public static IEnumerable<AdherenceRow> ReadRows(Func<TextReader> open)
    {
        using var reader = open();
        foreach (var record in Records(reader, error => throw new InvalidDataException($"The file changed after it was checked: line {error.Line}: {error.Message}"), int.MaxValue))
        {
            yield return record.Row;
        }
    }

    /// <summary>The same rows as a stream, so that a push sends them as it reads them.</summary>
#pragma warning disable CS1998 // A file read line by line needs no await.
    public static async IAsyncEnumerable<AdherenceRow> ReadRowsAsync(Func<TextReader> open)
#pragma warning restore CS1998
    {
        foreach (var row in ReadRows(open))
        {
            yield return row;
        }
    }

    /// <summary>
    /// The records that parse; every problem found goes to <paramref name="onError"/>, and every record read, parsed or
    /// not, to <paramref name="onRecord"/>.
    /// </summary>
    private static IEnumerable<(int Line, AdherenceRow Row)> Records(TextReader reader, Action<InputError> onError, int maxRows, Action? onRecord = null)
    {
        var bad = new List<(string Field, string RawRecord)>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            MissingFieldFound = null,
            BadDataFound = args => bad.Add((args.Field, args.RawRecord)),
            DetectColumnCountChanges = false,
        };

        using var csv = new CsvReader(reader, config);
        var records = new List<(int, AdherenceRow)>(1);
        var count = 0;
        while (true)
        {
            records.Clear();
            bool more;
            try
            {
                more = count == 0 ? ReadHeader(csv, onError) && csv.Read() : csv.Read();
                if (more && ++count > maxRows)
                {
                    onError(new(CsvRecordParser.StartLine(csv), CsvColumns.Rows, $"more than {maxRows} rows, the most one push takes; split the file."));
                    yield break;
                }

                if (more)
                {
                    onRecord?.Invoke();
                }

                // CsvHelper finds bad data as it processes a record's fields: process them all before looking.
                _ = more ? csv.Parser.Record : null;
                if (more && !CsvQuoting.Report(csv, bad, onError) && CsvRecordParser.Parse(csv, onError) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (CsvHelperException e)
            {
                var line = e.Context?.Parser?.RawRow is { } raw and > 0 ? (int)raw : 1;
                onError(new(line, CsvColumns.File, $"is not valid CSV ({e.GetType().Name})."));
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            foreach (var record in records)
            {
                yield return record;
            }
        }
    }

    private static bool ReadHeader(CsvReader csv, Action<InputError> onError)
    {
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header || header is [""])
        {
            onError(new(1, CsvColumns.Header, $"the file is empty; expected the header {CsvColumns.HeaderLine}."));
            return false;
        }

        return CsvHeader.Check(header, onError);
    }
}
