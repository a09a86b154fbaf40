namespace AdherenceSync.Cli;

/// <summary>The CLI's exit codes. They are a published contract: extend, never renumber.</summary>
internal static class ExitCodes
{
    /// <summary>Every row succeeded.</summary>
    public const int Success = 0;

    /// <summary>
    /// Some row did not succeed: the report's outcomes say what to do with each (Rejected: fix the row; Failed and
    /// NotAttempted: push again; Unknown: push again with the same checkpoint, which looks it up first).
    /// </summary>
    public const int RowsNotSucceeded = 1;

    /// <summary>Bad arguments or invalid input; no request was sent.</summary>
    public const int InvalidInput = 2;

    /// <summary>Cancelled with Ctrl+C, after writing the report.</summary>
    public const int Cancelled = 130;
}
