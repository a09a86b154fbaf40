namespace AdherenceSync.Genesys;

/// <summary>The relative paths of the Genesys Cloud WFM adherence-explanation API.</summary>
internal static class GenesysPaths
{
    public static string Explanations(string agentId)
        => $"api/v2/workforcemanagement/agents/{Uri.EscapeDataString(agentId)}/adherence/explanations";

    public static string Query(string agentId)
        => $"api/v2/workforcemanagement/agents/{Uri.EscapeDataString(agentId)}/adherence/explanations/query";

    public static string BusinessUnitQuery(string businessUnitId)
        => $"api/v2/workforcemanagement/businessunits/{Uri.EscapeDataString(businessUnitId)}/adherence/explanations/query";

    public static string Job(string jobId)
        => $"api/v2/workforcemanagement/adherence/explanations/jobs/{Uri.EscapeDataString(jobId)}";
}
