namespace AdherenceSync.Cli.Csv;

/// <summary>
/// What a streaming pass over a CSV file found: the line of each row, and its problems (the first
/// <see cref="MaxErrorsKept"/> of them kept, all of them counted). No row is kept.
/// </summary>
internal sealed class CsvCheck
{
    public const int MaxErrorsKept = 1000;

    /// <summary>Gets the line (header = 1) where each row starts, by row index.</summary>
    public List<int> Lines { get; } = [];

    public List<InputError> Errors { get; } = [];

    public int ErrorCount { get; private set; }

    public bool IsValid => ErrorCount == 0;

    public void Add(InputError error)
    {
        ErrorCount++;
        if (Errors.Count < MaxErrorsKept)
        {
            Errors.Add(error);
        }
    }
}
