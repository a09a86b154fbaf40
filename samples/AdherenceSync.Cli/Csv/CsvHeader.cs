namespace AdherenceSync.Cli.Csv;

/// <summary>Checks the header line: text, every required column once, optional ones at most once, none unknown.</summary>
internal static class CsvHeader
{
    public static bool Check(string[] header, Action<InputError> onError)
    {
        // Control characters or undecodable bytes in the first line: an image, an archive, a spreadsheet, not CSV text.
        if (header.Any(h => h.Any(c => char.IsControl(c) || c == '\uFFFD')))
        {
            onError(new(1, CsvColumns.File, $"is not a UTF-8 CSV text file (its first line has binary content); expected the header {CsvColumns.HeaderLine}."));
            return false;
        }

        var missing = CsvColumns.All.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToArray();
        var known = CsvColumns.All.Concat(CsvColumns.Optional).ToArray();
        var extra = header.Where(h => !known.Contains(h, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        var repeated = header.Where(known.Contains).GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (missing.Length > 0)
        {
            onError(new(1, CsvColumns.Header, $"missing column(s) {string.Join(", ", missing)}; expected {CsvColumns.HeaderLine}."));
        }

        if (extra.Length > 0)
        {
            onError(new(1, CsvColumns.Header, $"unexpected column(s) {string.Join(", ", extra)}; expected {CsvColumns.HeaderLine}, optionally with {string.Join(", ", CsvColumns.Optional)}."));
        }

        if (repeated.Length > 0)
        {
            onError(new(1, CsvColumns.Header, $"column(s) {string.Join(", ", repeated)} appear more than once; expected {CsvColumns.HeaderLine}."));
        }

        return missing.Length == 0 && extra.Length == 0 && repeated.Length == 0;
    }
}
