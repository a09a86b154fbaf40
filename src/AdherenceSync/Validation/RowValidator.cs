using System.Buffers;

namespace AdherenceSync.Validation;

/// <summary>
/// Validates rows one at a time, remembering only a 128-bit key per row to find duplicates, so that input of any length
/// can be read through it; given a number of keys to remember, it remembers the latest rows' only, and its memory stays
/// flat however many rows pass.
/// </summary>
/// <param name="keysRemembered">How many rows' keys to remember for the duplicate check; all when <see langword="null"/>.</param>
internal sealed class RowValidator(int? keysRemembered = null)
{
    private static readonly SearchValues<char> ForbiddenIdChars = SearchValues.Create("/?#");

    // A body is at most this much bigger than its variable text: the JSON names, date and length.
    private const int FixedBodyOverhead = 256;

    // A UTF-16 char escapes to at most six bytes of JSON (\uXXXX).
    private const int MaxBytesPerChar = 6;

    private readonly Dictionary<Key, int> _firstIndexByKey = [];
    private readonly Queue<Key> _keysInOrder = new();

    /// <summary>The error for the first row past a push's limit.</summary>
    public static RowValidationError TooManyRows(int maxRows)
        => new(maxRows, "Rows", $"is past the limit of {maxRows} rows per push (MaxRowsPerPush); split the input into several pushes.");

    /// <summary>Adds the row's errors to <paramref name="errors"/>, if it has any.</summary>
    /// <returns>The row's content key (<see cref="RowKey"/>), computed once here for the duplicate check and kept by the push for the checkpoint; zero for an invalid row.</returns>
    public UInt128 Validate(AdherenceRow? row, int index, List<RowValidationError> errors)
    {
        if (row is null)
        {
            errors.Add(new(index, "Row", "must not be null."));
            return UInt128.Zero;
        }

        var before = errors.Count;
        ValidateId(row.AgentId, nameof(AdherenceRow.AgentId), index, errors);
        ValidateId(row.QueueId, nameof(AdherenceRow.QueueId), index, errors);

        if (row.StartDate == default)
        {
            errors.Add(new(index, nameof(AdherenceRow.StartDate), "must be set."));
        }

        if (row.LengthMinutes is < AdherenceRowConstants.MinLengthMinutes or > AdherenceRowConstants.MaxLengthMinutes)
        {
            errors.Add(new(index, nameof(AdherenceRow.LengthMinutes),
                $"must be between {AdherenceRowConstants.MinLengthMinutes} and {AdherenceRowConstants.MaxLengthMinutes} (was {row.LengthMinutes})."));
        }

        if (string.IsNullOrWhiteSpace(row.Type))
        {
            errors.Add(new(index, nameof(AdherenceRow.Type), "must not be empty or whitespace."));
        }

        if (row.Status is { } status && Array.IndexOf(AdherenceRowConstants.Statuses, status) < 0)
        {
            errors.Add(new(index, nameof(AdherenceRow.Status), $"must be Pending, Approved or Denied, or empty (was '{status}')."));
        }

        if (row.Notes is { Length: > AdherenceRowConstants.MaxNotesLength })
        {
            errors.Add(new(index, nameof(AdherenceRow.Notes),
                $"must be at most {AdherenceRowConstants.MaxNotesLength} characters (was {row.Notes.Length})."));
        }
        else
        {
            ValidateBodySize(row, index, errors);
        }

        if (errors.Count != before)
        {
            return UInt128.Zero;
        }

        var rowKey = RowKey.Compute(row);
        var key = new Key(rowKey);
        if (_firstIndexByKey.TryAdd(key, index))
        {
            Remember(key);
            return rowKey;
        }

        var first = _firstIndexByKey[key];
        errors.Add(new(index, "Duplicate", $"same AgentId, StartDate, LengthMinutes and Type as row {first}; it would be written twice.")
        {
            DuplicateOf = first,
        });
        return UInt128.Zero;
    }

    /// <summary>With a bound, keeps the key in arrival order and forgets the oldest beyond the bound.</summary>
    private void Remember(Key key)
    {
        if (keysRemembered is not { } kept)
        {
            return;
        }

        // The oldest goes before the newest comes, so that the queue never grows past the bound (to twice its size).
        while (_keysInOrder.Count >= kept && _keysInOrder.TryDequeue(out var oldest))
        {
            _firstIndexByKey.Remove(oldest);
        }

        _keysInOrder.Enqueue(key);
    }

    private static void ValidateId(string? value, string field, int index, List<RowValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(index, field, "must not be empty or whitespace."));
            return;
        }

        if (value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || value.Contains('\u007f', StringComparison.Ordinal))
        {
            errors.Add(new(index, field, "must not contain control characters."));
        }

        var forbidden = value.AsSpan().IndexOfAny(ForbiddenIdChars);
        if (forbidden >= 0)
        {
            errors.Add(new(index, field, $"must not contain '{value[forbidden]}' (ids go into the URL path)."));
        }
    }

    private static void ValidateBodySize(AdherenceRow row, int index, List<RowValidationError> errors)
    {
        long upperBound = FixedBodyOverhead + (((long)(row.Type?.Length ?? 0) + (row.Notes?.Length ?? 0)) * MaxBytesPerChar);
        if (upperBound < AdherenceRowConstants.MaxBodyBytes)
        {
            return;
        }

        var size = row.ToRequestBody().SerializedLength();
        if (size >= AdherenceRowConstants.MaxBodyBytes)
        {
            errors.Add(new(index, "Body",
                $"serializes to {size} bytes; the platform accepts less than {AdherenceRowConstants.MaxBodyBytes}."));
        }
    }

    /// <summary>
    /// A row's 128-bit key as two 8-byte halves: <see cref="UInt128"/> is aligned on 16 bytes, which makes each map entry
    /// 48 bytes where this makes it 32, and the map holds one entry per row of a push.
    /// </summary>
    private readonly record struct Key(ulong Lower, ulong Upper)
    {
        public Key(UInt128 value)
            : this((ulong)value, (ulong)(value >> 64))
        {
        }
    }
}
