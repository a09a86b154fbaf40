namespace AdherenceSync.Cli.Csv;

/// <summary>The CSV columns. They are a published contract: extend, never rename.</summary>
internal static class CsvColumns
{
    public const string AgentId = "agentId";
    public const string QueueId = "queueId";
    public const string StartDate = "startDate";
    public const string LengthMinutes = "lengthMinutes";
    public const string Type = "type";
    public const string Notes = "notes";

    /// <summary>The admin status (<c>Pending</c>, <c>Approved</c>, <c>Denied</c>); an optional column, empty = not sent.</summary>
    public const string Status = "status";

    /// <summary>The columns every file has.</summary>
    public static readonly string[] All = [AgentId, QueueId, StartDate, LengthMinutes, Type, Notes];

    /// <summary>The columns a file may add.</summary>
    public static readonly string[] Optional = [Status];

    public static readonly string HeaderLine = string.Join(',', All);

    // Not columns: what an input error names when the problem is not one field.
    public const string Header = "header";
    public const string File = "file";
    public const string Row = "row";
    public const string Rows = "rows";

    /// <summary>The column a field of <see cref="AdherenceRow"/> comes from, for error messages.</summary>
    public static string ForField(string field) => field switch
    {
        nameof(AdherenceRow.AgentId) => AgentId,
        nameof(AdherenceRow.QueueId) => QueueId,
        nameof(AdherenceRow.StartDate) => StartDate,
        nameof(AdherenceRow.LengthMinutes) => LengthMinutes,
        nameof(AdherenceRow.Type) => Type,
        nameof(AdherenceRow.Notes) => Notes,
        nameof(AdherenceRow.Status) => Status,
        _ => field.ToLowerInvariant(),
    };
}
