namespace AdherenceSync;

/// <summary>
/// The single outcome of one input row.
/// </summary>
public enum RowOutcome
{
    /// <summary>
    /// The row was not sent: the push was cancelled or halted before its turn.
    /// </summary>
    NotAttempted = 0,

    /// <summary>
    /// The platform recorded the row.
    /// </summary>
    Succeeded = 1,

    /// <summary>
    /// The platform refused the row; <see cref="RowResult.Error"/> carries its reason.
    /// </summary>
    Rejected = 2,

    /// <summary>
    /// The client gave up on the row and it was not applied: every write failed before it could land, or a query
    /// showed it had not; <see cref="RowResult.Error"/> carries the last error. Pushing the row again is safe.
    /// </summary>
    Failed = 3,

    /// <summary>
    /// The row may have been applied and could not be confirmed: a write's answer was lost (timeout, reset, 5xx), a
    /// 202 job was never seen to end, or the push stopped after such a write, and no query settled it.
    /// <see cref="RowResult.Error"/> says why. Do not push it again blindly: resume with the same checkpoint, which looks
    /// the row up before it sends it, or look it up yourself.
    /// </summary>
    Unknown = 4,

    /// <summary>
    /// The row was never sent because it is invalid: a push of an <see cref="IAsyncEnumerable{T}"/> checks each row as it
    /// reads it, and goes on with the others. <see cref="RowResult.Error"/> names each field and what is wrong with it. Fix
    /// the row and push it again. (A push of an <see cref="IEnumerable{T}"/> checks every row before it sends any, and
    /// throws <see cref="AdherenceValidationException"/> instead.)
    /// </summary>
    Invalid = 5,
}
