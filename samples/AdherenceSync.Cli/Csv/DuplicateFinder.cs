using System.Security.Cryptography;
using System.Text;

namespace AdherenceSync.Cli.Csv;

/// <summary>
/// Finds the rows of a file that would write what an earlier row writes, in memory that does not grow with the file:
/// each row's key (agent, start instant, length, type, hashed to 128 bits) is kept in runs of <see cref="RunLength"/>,
/// each sorted and written to a temporary file when full; the runs are then merged, and equal keys meet.
/// </summary>
/// <remarks>
/// A map of every key finds a duplicate at once, but holds about 36 bytes a row, plus its old arrays while it grows: with
/// it, the first pass over 1,000,000 rows peaked at 132 MB. This holds one run in memory (24 bytes a key, 1.5 MB) and
/// 20 bytes a row on disk.
/// </remarks>
internal sealed class DuplicateFinder : IDisposable
{
    /// <summary>How many keys are sorted in memory before they go to disk.</summary>
    internal const int RunLength = 65_536;

    private readonly int _runLength;
    private readonly List<string> _runs = [];
    private Entry[] _run = [];
    private int _count;

    /// <param name="runLength">How many keys are sorted in memory before they go to disk.</param>
    public DuplicateFinder(int runLength = RunLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runLength, 1);
        _runLength = runLength;
    }

    /// <summary>Gets how many runs went to disk.</summary>
    internal int RunsOnDisk => _runs.Count;

    /// <summary>Adds the row at <paramref name="index"/>; rows are added in input order.</summary>
    public void Add(AdherenceRow row, int index)
    {
        if (_count == _run.Length)
        {
            if (_count == _runLength)
            {
                WriteRun();
            }
            else
            {
                Array.Resize(ref _run, Math.Min(_runLength, Math.Max(1024, _run.Length * 2)));
            }
        }

        var key = Key(row);
        _run[_count++] = new Entry((ulong)(key >> 64), (ulong)key, index);
    }

    /// <summary>
    /// Finds every row whose key an earlier row has: returns the first <paramref name="kept"/> of them by index, each
    /// with the index of the first row of its key, and how many there are in all.
    /// </summary>
    public (IReadOnlyList<(int Index, int First)> Duplicates, int Count) Find(int kept)
    {
        var earliest = new PriorityQueue<(int Index, int First), int>(); // the latest index on top, to be dropped first
        var count = 0;
        Entry? first = null; // the first row of the current key: merged by key, then by index
        foreach (var entry in Merged())
        {
            if (first is { } earlier && earlier.SameKey(entry))
            {
                count++;
                earliest.Enqueue((entry.Index, earlier.Index), -entry.Index);
                if (earliest.Count > kept)
                {
                    earliest.Dequeue();
                }
            }
            else
            {
                first = entry;
            }
        }

        var duplicates = new List<(int Index, int First)>(earliest.Count);
        while (earliest.TryDequeue(out var duplicate, out _))
        {
            duplicates.Add(duplicate);
        }

        duplicates.Reverse();
        return (duplicates, count);
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            File.Delete(run);
        }

        _runs.Clear();
    }

    /// <summary>The same key for two rows that would create the same explanation, as the library's duplicate check has it.</summary>
    private static UInt128 Key(AdherenceRow row)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{row.AgentId}\u001f{row.StartDate.UtcTicks}\u001f{row.LengthMinutes}\u001f{row.Type}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private void WriteRun()
    {
        var path = Path.GetTempFileName();
        _runs.Add(path);
        Array.Sort(_run, 0, _count);
        using var writer = new BinaryWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024));
        foreach (var entry in _run.AsSpan(0, _count))
        {
            writer.Write(entry.Upper);
            writer.Write(entry.Lower);
            writer.Write(entry.Index);
        }

        _count = 0;
    }

    /// <summary>Every key added, in the order of key then index: the runs on disk and the one in memory, merged.</summary>
    private IEnumerable<Entry> Merged()
    {
        Array.Sort(_run, 0, _count);
        var readers = _runs.Select(path => new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 16 * 1024))).ToList();
        try
        {
            var sources = new List<IEnumerator<Entry>>(readers.Select(Read)) { _run.Take(_count).GetEnumerator() };
            var next = new PriorityQueue<IEnumerator<Entry>, Entry>();
            foreach (var source in sources.Where(s => s.MoveNext()))
            {
                next.Enqueue(source, source.Current);
            }

            while (next.TryDequeue(out var source, out var entry))
            {
                yield return entry;
                if (source.MoveNext())
                {
                    next.Enqueue(source, source.Current);
                }
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }

        static IEnumerator<Entry> Read(BinaryReader reader)
        {
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                yield return new Entry(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt32());
            }
        }
    }

    /// <summary>
    /// A row's key, as two 8-byte halves (a <see cref="UInt128"/> is aligned on 16 bytes, which would make an entry 32
    /// bytes, not 24), and its index; ordered by key and then by index, so that the first row of a key comes first.
    /// </summary>
    private readonly record struct Entry(ulong Upper, ulong Lower, int Index) : IComparable<Entry>
    {
        public bool SameKey(Entry other) => Upper == other.Upper && Lower == other.Lower;

        public int CompareTo(Entry other)
        {
            var byKey = Upper != other.Upper ? Upper.CompareTo(other.Upper) : Lower.CompareTo(other.Lower);
            return byKey != 0 ? byKey : Index.CompareTo(other.Index);
        }
    }
}
