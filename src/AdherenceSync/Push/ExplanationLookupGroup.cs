using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>Rows whose explanations one query looks up: its path, its body, and the rows it answers for.</summary>
internal sealed record ExplanationLookupGroup(string Path, ExplanationQuery Query, IReadOnlyList<(int Index, AdherenceRow Row)> Rows)
{
    /// <summary>
    /// Groups rows into as few queries as the platform allows: with a business unit, one query for up to
    /// <see cref="LookupConstants.MaxAgentsPerQuery"/> agents over a span of at most <see cref="LookupConstants.MaxSpan"/>;
    /// without one, one query per agent and span.
    /// </summary>
    public static IEnumerable<ExplanationLookupGroup> From(IEnumerable<(int Index, AdherenceRow Row)> rows, string? businessUnitId)
    {
        var ordered = rows.OrderBy(r => r.Row.StartDate).ToList();
        var streams = businessUnitId is null
            ? ordered.GroupBy(r => r.Row.AgentId, StringComparer.Ordinal).Select(g => g.ToList())
            : [ordered];
        foreach (var stream in streams)
        {
            var chunk = new List<(int Index, AdherenceRow Row)>();
            var agents = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in stream)
            {
                var full = !agents.Contains(item.Row.AgentId) && agents.Count == LookupConstants.MaxAgentsPerQuery;
                if (chunk.Count > 0 && (full || item.Row.StartDate - chunk[0].Row.StartDate > LookupConstants.MaxSpan))
                {
                    yield return Create(chunk, agents, businessUnitId);
                    chunk = [];
                    agents = new HashSet<string>(StringComparer.Ordinal);
                }

                chunk.Add(item);
                agents.Add(item.Row.AgentId);
            }

            if (chunk.Count > 0)
            {
                yield return Create(chunk, agents, businessUnitId);
            }
        }
    }

    private static ExplanationLookupGroup Create(List<(int Index, AdherenceRow Row)> rows, HashSet<string> agents, string? businessUnitId)
    {
        var query = new ExplanationQuery
        {
            StartDate = ExplanationRequestBody.FormatDate(rows.Min(r => r.Row.StartDate).AddMinutes(-1)),
            EndDate = ExplanationRequestBody.FormatDate(rows.Max(r => r.Row.StartDate.AddMinutes(r.Row.LengthMinutes))),
            AgentIds = businessUnitId is null ? null : [.. agents],
        };
        var path = businessUnitId is null ? GenesysPaths.Query(rows[0].Row.AgentId) : GenesysPaths.BusinessUnitQuery(businessUnitId);
        return new(path, query, rows);
    }
}
