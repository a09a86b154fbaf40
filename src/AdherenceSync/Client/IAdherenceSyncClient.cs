using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AdherenceSync;

/// <summary>
/// Pushes adherence exceptions to the WFM platform: paced per queue, retried, and accounted row by row.
/// </summary>
/// <remarks>
/// A push of an <see cref="IEnumerable{T}"/> validates the whole input before it sends anything; a push of an
/// <see cref="IAsyncEnumerable{T}"/> sends as it reads, and checks each row before it sends it. Every row read ends with
/// exactly one <see cref="RowOutcome"/>, and the counts always add up to the rows read.
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
    /// Pushes a stream of rows while it reads it, and reports the outcome of each. The first rows are sent as soon as they
    /// are read; no more than <see cref="AdherenceSyncOptions.MaxRowsHeld"/> rows are held at once, so a fast source waits.
    /// </summary>
    /// <remarks>
    /// Each row is checked before it is sent: an invalid one ends <see cref="RowOutcome.Invalid"/> with its errors and is
    /// never sent, and the others go on. A duplicate is found among the latest 65,536 rows. After a cancellation or a halt
    /// nothing more is sent, and the rest of the source is read with each row <see cref="RowOutcome.NotAttempted"/>, so that
    /// the counts add up to the input (a source that honours the cancellation ends the reading there). A source that throws
    /// halts the push (<see cref="PushReport.HaltReason"/> says so), and the rows it gave are reported. The report holds
    /// every row read unless <see cref="PushOptions.KeepRows"/> is off; <see cref="PushStreamAsync"/> keeps none either.
    /// </remarks>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="options">The push's options, such as a progress handler or a checkpoint to resume from; optional.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the report comes back with unsent rows <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>The report: one result per row read, in input order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple overloads with optional parameters", Justification = "The two overloads differ by their first parameter's type (sync or async rows), so no call is ambiguous.")]
    Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes a stream of rows while it reads it, and hands each row's result back as soon as it is final, keeping none:
    /// memory stays flat however many rows pass, and a source that never ends (a worker fed by a queue) can be pushed.
    /// </summary>
    /// <remarks>
    /// Rows are read, checked and sent as with <see cref="PushAsync(IAsyncEnumerable{AdherenceRow}, PushOptions?, CancellationToken)"/>,
    /// without <see cref="AdherenceSyncOptions.MaxRowsPerPush"/> or <see cref="AdherenceSyncOptions.ResolveExplanationIds"/>;
    /// a cancellation or a halt stops the reading at once, since such a source may never end.
    /// Results come in the order the rows end, which is the input order within a queue; <see cref="RowResult.Index"/> is the
    /// row's position in the input. A result holds its row (one of <see cref="AdherenceSyncOptions.MaxRowsHeld"/>) until the consumer has taken it, so a consumer slower than the sends holds them back. Leaving the enumeration early cancels
    /// the push. Progress, telemetry and the checkpoint work as in a push with a report. The default implementation (for a
    /// fake of your own) pushes with a report and then yields its rows.
    /// </remarks>
    /// <param name="rows">The rows to record. They are read once.</param>
    /// <param name="options">The push's options, such as a progress handler or a checkpoint to resume from; optional.</param>
    /// <param name="cancellationToken">
    /// Cancels the push. It does not throw: the rows read and not sent come back <see cref="RowOutcome.NotAttempted"/>.
    /// </param>
    /// <returns>Each row's result, once final.</returns>
    async IAsyncEnumerable<RowResult> PushStreamAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var report = await PushAsync(rows, options, cancellationToken).ConfigureAwait(false);
        foreach (var row in report.Rows)
        {
            yield return row;
        }
    }
}
