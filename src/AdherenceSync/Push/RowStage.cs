namespace AdherenceSync.Push;

/// <summary>
/// Where one row stands in its push (<see cref="RowAttempt"/>). The legal moves are <see cref="RowStageRules"/>'s:
/// <code>
/// Planned ─► Writing ─► Accepted ─► AwaitingJob ─► Done
///    │          ├──────► NotApplied ─► Writing (a retry)
///    │          └──────► InDoubt ─► Checking ─► Found | NotApplied | Unresolved ─► Done
///    └─ (resumed after a crash) ► InDoubt
/// </code>
/// </summary>
internal enum RowStage
{
    /// <summary>Nothing of the row has left in this push.</summary>
    Planned,

    /// <summary>A write of the row has been handed to the HTTP stack and its answer is not in.</summary>
    Writing,

    /// <summary>The last write was answered, or failed, in a way that says it was not applied: it may be written again.</summary>
    NotApplied,

    /// <summary>The last write may have been applied though no success came back: the platform is asked before any other write.</summary>
    InDoubt,

    /// <summary>A query is asking the platform whether the row's explanation exists.</summary>
    Checking,

    /// <summary>The platform took the last write (a 2xx with its job or explanation).</summary>
    Accepted,

    /// <summary>The platform answered with a job that is being polled to its end.</summary>
    AwaitingJob,

    /// <summary>A check found the row's explanation: it is applied, and nothing more is written.</summary>
    Found,

    /// <summary>A check gave no usable answer: nobody knows whether the row was applied, and it is never written again blindly.</summary>
    Unresolved,

    /// <summary>The row has its one outcome.</summary>
    Done,
}
