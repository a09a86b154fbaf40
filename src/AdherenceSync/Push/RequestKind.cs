namespace AdherenceSync.Push;

/// <summary>The requests a row can make, each through its own retry and the pacing budgets.</summary>
internal enum RequestKind
{
    /// <summary>The explanation POST.</summary>
    Write,

    /// <summary>A poll of the row's job, or of the job a query was answered with.</summary>
    Poll,

    /// <summary>A query for the row's explanation, to check an ambiguous outcome (or a lookup for many rows).</summary>
    Query,
}
