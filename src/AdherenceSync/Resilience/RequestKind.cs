namespace AdherenceSync.Resilience;

/// <summary>The requests a row can make, each through the row pipeline and its budgets.</summary>
internal enum RequestKind
{
    /// <summary>The explanation POST (or, when the last one was ambiguous, a query first).</summary>
    Write,

    /// <summary>A poll of the row's job.</summary>
    Poll,

    /// <summary>A query for the row's explanation, to settle an ambiguous outcome.</summary>
    Query,
}
