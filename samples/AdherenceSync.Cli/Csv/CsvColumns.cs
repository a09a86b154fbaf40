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

    public static readonly string[] All = [AgentId, QueueId, StartDate, LengthMinutes, Type, Notes];

    /// <summary>The column a field of <see cref="AdherenceRow"/> comes from, for error messages.</summary>
    public static string ForField(string field) => field switch
    {
        nameof(AdherenceRow.AgentId) => AgentId,
        nameof(AdherenceRow.QueueId) => QueueId,
        nameof(AdherenceRow.StartDate) => StartDate,
        nameof(AdherenceRow.LengthMinutes) => LengthMinutes,
        nameof(AdherenceRow.Type) => Type,
        nameof(AdherenceRow.Notes) => Notes,
        _ => field.ToLowerInvariant(),
    };
}
