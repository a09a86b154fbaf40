namespace AdherenceSync;

/// <summary>
/// Where a push records the progress of its rows, so that a crashed or cancelled push can be resumed without writing
/// anything twice.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>
    /// Loads everything recorded so far.
    /// </summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>Every record, in the order they were recorded.</returns>
    ValueTask<IReadOnlyList<CheckpointEntry>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records one entry durably: when the returned task completes, the entry survives a crash of the process.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is durable.</returns>
    ValueTask RecordAsync(CheckpointEntry entry, CancellationToken cancellationToken);
}
