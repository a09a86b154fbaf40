namespace AdherenceSync;

/// <summary>
/// Pushes adherence exceptions to the WFM platform: paced per queue, retried, and accounted row by row.
/// </summary>
/// <remarks>
/// A push validates the whole input before it sends anything. Every row then ends with exactly one
/// <see cref="RowOutcome"/>, and the report's counts always add up to the input.
/// </remarks>
public interface IAdherenceSyncClient
{
    /// <summary>
    /// Pushes a set of rows and reports the outcome of each.
    /// </summary>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="progress">Receives a snapshot after each row outcome; optional.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per input row, in input order.</returns>
    /// <exception cref="AdherenceValidationException">Some rows are invalid; nothing was sent.</exception>
    Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows, IProgress<PushProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes a stream of rows and reports the outcome of each. The stream is read to its end and validated before the first send.
    /// </summary>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="progress">Receives a snapshot after each row outcome; optional.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per input row, in input order.</returns>
    /// <exception cref="AdherenceValidationException">Some rows are invalid; nothing was sent.</exception>
    Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, IProgress<PushProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes a set of rows with options, such as a checkpoint to resume from, and reports the outcome of each.
    /// </summary>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="options">The push's options.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per input row, in input order.</returns>
    /// <exception cref="AdherenceValidationException">Some rows are invalid; nothing was sent.</exception>
    Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows, PushOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes a stream of rows with options, such as a checkpoint to resume from, and reports the outcome of each.
    /// </summary>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="options">The push's options.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per input row, in input order.</returns>
    /// <exception cref="AdherenceValidationException">Some rows are invalid; nothing was sent.</exception>
    Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions options, CancellationToken cancellationToken = default);
}
