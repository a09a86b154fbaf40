namespace AdherenceSync.Pacing;

/// <summary>
/// The times of a budget's latest grants, oldest first, in a ring of timestamps that keeps at most
/// <paramref name="capacity"/> (the oldest go first) and grows only as far as it is used.
/// </summary>
/// <remarks>
/// A budget is granted once per send, for as long as a push runs: a node per grant (as a linked list keeps them) was an
/// allocation that lived long enough to reach the oldest generation and died there, and 48 bytes where this keeps 8.
/// </remarks>
/// <param name="capacity">How many grants are kept at most.</param>
internal sealed class GrantLog(int capacity)
{
    private const int InitialSize = 16;
    private readonly int _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
    private long[] _times = [];
    private int _head;

    /// <summary>Gets how many grants are kept.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the grant at <paramref name="index"/>, the oldest kept being 0.</summary>
    public long this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _times[(_head + index) % _times.Length];
        }
    }

    /// <summary>Adds the newest grant, forgetting the oldest when the log is full.</summary>
    public void Add(long time)
    {
        if (Count == _times.Length && Count < _capacity)
        {
            Grow();
        }

        if (Count == _capacity)
        {
            RemoveOldest();
        }

        _times[(_head + Count) % _times.Length] = time;
        Count++;
    }

    /// <summary>Forgets the grants at or before <paramref name="time"/>.</summary>
    public void RemoveUpTo(long time)
    {
        while (Count > 0 && _times[_head] <= time)
        {
            RemoveOldest();
        }
    }

    /// <summary>Moves the newest grant to <paramref name="time"/> when it is earlier.</summary>
    public void MoveNewestTo(long time)
    {
        if (Count > 0 && this[Count - 1] < time)
        {
            _times[(_head + Count - 1) % _times.Length] = time;
        }
    }

    /// <summary>Counts the grants in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int CountBetween(long from, long to)
    {
        var count = 0;
        for (var i = 0; i < Count; i++)
        {
            var time = this[i];
            count += time >= from && time < to ? 1 : 0;
        }

        return count;
    }

    private void RemoveOldest()
    {
        _head = (_head + 1) % _times.Length;
        Count--;
    }

    private void Grow()
    {
        var grown = new long[Math.Min(_capacity, Math.Max(InitialSize, _times.Length * 2))];
        for (var i = 0; i < Count; i++)
        {
            grown[i] = this[i];
        }

        (_times, _head) = (grown, 0);
    }
}
