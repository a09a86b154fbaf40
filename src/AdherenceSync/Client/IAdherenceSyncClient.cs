using System.Diagnostics.CodeAnalysis;

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
    /// <param name="options">The push's options, such as a progress handler or a checkpoint to resume from; optional.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per input row, in input order.</returns>
    /// <exception cref="AdherenceValidationException">Some rows are invalid; nothing was sent.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple overloads with optional parameters", Justification = "The two overloads differ by their first parameter's type (sync or async rows), so no call is ambiguous.")]
    Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes a stream of rows and reports the outcome of each. The stream is read to its end and validated before the first send.
    /// </summary>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="options">The push's options, such as a progress handler or a checkpoint to resume from; optional.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per input row, in input order.</returns>
    /// <exception cref="AdherenceValidationException">Some rows are invalid; nothing was sent.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple overloads with optional parameters", Justification = "The two overloads differ by their first parameter's type (sync or async rows), so no call is ambiguous.")]
    Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default);
}
