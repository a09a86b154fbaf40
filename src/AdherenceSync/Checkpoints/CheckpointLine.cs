namespace AdherenceSync;

/// <summary>One line of a <see cref="FileCheckpointStore"/>: <c>{"key","state","explanationId"?,"error"?,"target"?}</c>.</summary>
internal sealed class CheckpointLine
{
    public string? Key { get; init; }

    public CheckpointState? State { get; init; }

    public string? ExplanationId { get; init; }

    public string? Error { get; init; }

    public string? Target { get; init; }

    public static CheckpointLine From(CheckpointEntry entry)
        => new() { Key = entry.RowKey, State = entry.State, ExplanationId = entry.ExplanationId, Error = entry.Error, Target = entry.Target };

    public CheckpointEntry? ToEntry() => Key is null || State is null ? null : new CheckpointEntry(Key, State.Value, ExplanationId, Error) { Target = Target };
}
