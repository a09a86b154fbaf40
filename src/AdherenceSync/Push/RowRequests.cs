using System.Globalization;
using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>A row in the platform's words: the query that checks it, and what matches it in a listing.</summary>
internal static class RowRequests
{
    /// <summary>The agent's explanations around the row's start.</summary>
    public static (string Path, ExplanationQuery Body) Query(AdherenceRow row) => (GenesysPaths.Query(row.AgentId), new ExplanationQuery
    {
        StartDate = ExplanationRequestBody.FormatDate(row.StartDate.AddMinutes(-1)),
        EndDate = ExplanationRequestBody.FormatDate(row.StartDate.AddMinutes(row.LengthMinutes)),
    });

    public static bool Matches(AdherenceExplanation explanation, AdherenceRow row)
        => (explanation.Agent?.Id is not { } agent || agent == row.AgentId)
           && explanation.LengthMinutes == row.LengthMinutes
           && string.Equals(explanation.Type, row.Type, StringComparison.OrdinalIgnoreCase)
           && DateTimeOffset.TryParse(explanation.StartDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
           && start.UtcTicks / TimeSpan.TicksPerMillisecond == row.StartDate.UtcTicks / TimeSpan.TicksPerMillisecond;
}
