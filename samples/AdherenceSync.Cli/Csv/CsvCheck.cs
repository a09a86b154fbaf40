namespace AdherenceSync.Cli.Csv;

/// <summary>
/// What a streaming pass over a CSV file found: the line of each row, and its problems (the first
/// <see cref="MaxErrorsKept"/> of them kept, all of them counted). No row is kept.
/// </summary>
internal sealed class CsvCheck
{
    public const int MaxErrorsKept = 1000;

    /// <summary>Gets the line (header = 1) where each row starts, by row index.</summary>
    public RowLines Lines { get; } = new();

    /// <summary>Gets the number of rows of each queue, queues in order of first appearance.</summary>
    public OrderedDictionary<string, int> QueueRows { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of data records read (the header excluded), whether or not they parsed into a row.</summary>
    public int Records { get; private set; }

    public List<InputError> Errors { get; } = [];

    public int ErrorCount { get; private set; }

    public bool IsValid => ErrorCount == 0;

    public void AddRow(int line, string queueId)
    {
        Lines.Add(line);
        QueueRows[queueId] = QueueRows.GetValueOrDefault(queueId) + 1;
    }

    public void CountRecord() => Records++;

    public void Add(InputError error)
    {
        ErrorCount++;
        if (Errors.Count < MaxErrorsKept)
        {
            Errors.Add(error);
        }
    }

    /// <summary>
    /// Adds problems found after the pass (duplicates, which the whole file decides): the first of them by line, and how
    /// many there are in all. The problems kept stay the first by line; those found in the pass keep their order.
    /// </summary>
    public void AddLate(IReadOnlyList<InputError> firstByLine, int count)
    {
        ErrorCount += count;
        List<InputError> merged = new(Math.Min(MaxErrorsKept, Errors.Count + firstByLine.Count));
        var (pass, late) = (0, 0);
        while (merged.Count < MaxErrorsKept && (pass < Errors.Count || late < firstByLine.Count))
        {
            var takeLate = pass == Errors.Count || (late < firstByLine.Count && firstByLine[late].Line < Errors[pass].Line);
            merged.Add(takeLate ? firstByLine[late++] : Errors[pass++]);
        }

        Errors.Clear();
        Errors.AddRange(merged);
    }
}
