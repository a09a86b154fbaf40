namespace AdherenceSync.Cli.Csv;

/// <summary>The rows of a CSV file, each with its line number, and every problem found.</summary>
internal sealed class CsvInput
{
    public List<AdherenceRow> Rows { get; } = [];

    /// <summary>Gets the line (header = 1) where each row of <see cref="Rows"/> starts.</summary>
    public List<int> Lines { get; } = [];

    public List<InputError> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;
}
