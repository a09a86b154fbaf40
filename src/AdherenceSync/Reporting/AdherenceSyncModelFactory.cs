namespace AdherenceSync;

/// <summary>
/// Builds the client's result types for tests of your own code, such as a fake <see cref="IAdherenceSyncClient"/>
/// (the model factory of the Azure SDK guidelines).
/// </summary>
public static class AdherenceSyncModelFactory
{
    /// <summary>Builds a report of the given rows, whose counts are computed from them as a push computes them.</summary>
    /// <param name="rows">One result per input row, in input order (<see cref="RowResult.Index"/> 0, 1, 2, …).</param>
    /// <param name="duration">How long the push took.</param>
    /// <param name="cancelled">Whether the push was cancelled.</param>
    /// <param name="haltReason">Why the push halted, or <see langword="null"/>.</param>
    /// <param name="throttled">The 429 answers the push received.</param>
    /// <param name="unexplainedThrottles">Those of <paramref name="throttled"/> that no known budget explained.</param>
    /// <param name="jobPolls">The requests that polled the jobs of writes answered 202.</param>
    /// <param name="businessUnitWouldSave">About how many of <paramref name="jobPolls"/> a business unit would have spared.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A row's index is not its position in <paramref name="rows"/>.</exception>
    public static PushReport PushReport(
        IEnumerable<RowResult> rows, TimeSpan duration = default, bool cancelled = false, string? haltReason = null, int throttled = 0, int unexplainedThrottles = 0, int jobPolls = 0, int businessUnitWouldSave = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Index != i)
            {
                throw new ArgumentException($"Row {i} has Index {list[i].Index}: a report holds one result per input row, in input order.", nameof(rows));
            }
        }

        return new PushReport(list, duration, cancelled, haltReason) { Throttled = throttled, UnexplainedThrottles = unexplainedThrottles, JobPolls = jobPolls, BusinessUnitWouldSave = businessUnitWouldSave };
    }

    /// <summary>Builds the result of one row.</summary>
    /// <param name="index">The row's position in the input.</param>
    /// <param name="row">The row.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <param name="error">Why it did not succeed, or <see langword="null"/>.</param>
    /// <param name="httpStatus">The last HTTP status of its own requests, or <see langword="null"/>.</param>
    /// <param name="attempts">The writes sent for it.</param>
    /// <param name="explanationId">The platform's explanation id, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static RowResult RowResult(
        int index, AdherenceRow row, RowOutcome outcome, string? error = null, int? httpStatus = null, int attempts = 1, string? explanationId = null)
        => new() { Index = index, Row = row, Outcome = outcome, Error = error, HttpStatus = httpStatus, Attempts = attempts, ExplanationId = explanationId };
}
