using AdherenceSync.Cli.Csv;

namespace AdherenceSync.Cli.Output;

/// <summary>What <c>validate --format json</c> prints: whether the file is valid, its size, and its problems.</summary>
internal sealed record ValidationDocument(string File, bool Valid, int Rows, int Queues, int ErrorCount, IReadOnlyList<InputError> Errors)
{
    public static ValidationDocument From(string file, CsvCheck check)
        => new(file, check.IsValid, check.Lines.Count, check.QueueRows.Count, check.ErrorCount, check.Errors);
}
