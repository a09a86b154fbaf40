namespace AdherenceSync.Push;

/// <summary>What a check of the platform said about a write whose outcome was ambiguous.</summary>
internal enum Reconciliation
{
    /// <summary>A matching explanation exists: the write was applied.</summary>
    Found,

    /// <summary>No matching explanation exists: the write was not applied, and may be sent again.</summary>
    NotFound,

    /// <summary>The check itself gave no usable answer: the outcome stays unknown.</summary>
    Failed,
}
