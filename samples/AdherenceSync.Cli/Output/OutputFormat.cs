namespace AdherenceSync.Cli.Output;

/// <summary>What <c>--format</c> chooses. Part of the CLI's published contract.</summary>
internal enum OutputFormat
{
    /// <summary>Text for a person: progress, then a summary table.</summary>
    Table,

    /// <summary>One JSON document on standard output; progress, if any, goes to standard error.</summary>
    Json,
}
