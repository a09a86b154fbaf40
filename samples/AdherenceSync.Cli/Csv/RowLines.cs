using System.Collections;

namespace AdherenceSync.Cli.Csv;

/// <summary>
/// The line (header = 1) where each row of a file starts, by row index, in memory that does not grow with the file:
/// only where a row does not start on the line after the last one starts (a record over several lines, a skipped
/// record) is remembered, and the lines in between are counted on from there.
/// </summary>
internal sealed class RowLines : IReadOnlyList<int>
{
    private readonly List<(int Index, int Line)> _jumps = [];

    public int Count { get; private set; }

    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

            // The last jump at or before the row: its line, plus one per row since.
            var (lo, hi) = (0, _jumps.Count - 1);
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                (lo, hi) = _jumps[mid].Index <= index ? (mid, hi) : (lo, mid - 1);
            }

            var (from, line) = _jumps[lo];
            return line + (index - from);
        }
    }

    /// <summary>Adds the next row, which starts at <paramref name="line"/>.</summary>
    public void Add(int line)
    {
        if (Count == 0 || this[Count - 1] + 1 != line)
        {
            _jumps.Add((Count, line));
        }

        Count++;
    }

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
