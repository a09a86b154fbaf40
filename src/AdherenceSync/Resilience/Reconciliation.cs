namespace AdherenceSync.Resilience;

/// <summary>What a look at the platform said about a write whose outcome was ambiguous.</summary>
internal enum Reconciliation
{
    /// <summary>No look was taken: this is an ordinary answer.</summary>
    None,

    /// <summary>A matching explanation exists: the write was applied.</summary>
    Found,

    /// <summary>No matching explanation exists: the write was not applied, and may be sent again.</summary>
    NotFound,

    /// <summary>The look itself gave no usable answer: the outcome stays unknown.</summary>
    Failed,

    /// <summary>The query was answered as a job (<see cref="AttemptResult.QueryJobId"/>): its listing comes once it is complete.</summary>
    Pending,
}
