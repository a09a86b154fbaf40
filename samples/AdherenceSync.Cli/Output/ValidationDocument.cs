using AdherenceSync.Cli.Csv;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// What <c>validate --format json</c> prints: whether the file is valid, its size, and its problems. <c>records</c> counts
/// the data records read (the header excluded); <c>rows</c> the records that parsed into a row, which push would send
/// when the file is valid; <c>queues</c> the queues of those rows. Its shape is a published contract: fields may be
/// added, never renamed.
/// </summary>
internal sealed record ValidationDocument(string File, bool Valid, int Rows, int Queues, int ErrorCount, IReadOnlyList<InputError> Errors, int Records)
{
    public static ValidationDocument From(string file, CsvCheck check)
        => new(file, check.IsValid, check.Lines.Count, check.QueueRows.Count, check.ErrorCount, check.Errors, check.Records);
}
