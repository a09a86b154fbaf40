namespace AdherenceSync.Testing;

/// <summary>The platform's job types, as its SDKs' enum names them.</summary>
internal static class SimulatorJobTypes
{
    public const string AddExplanation = "AddExplanation";

    public const string QueryAgentExplanations = "QueryAgentExplanations";

    public const string QueryBuExplanations = "QueryBuExplanations";
}
