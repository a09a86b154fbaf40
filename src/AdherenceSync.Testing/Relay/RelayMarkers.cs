namespace AdherenceSync.Testing.Relay;

/// <summary>Response headers the simulator sets to tell the relay what to do with an answer.</summary>
internal static class RelayMarkers
{
    /// <summary>Reset the client's connection instead of forwarding this answer.</summary>
    public const string Drop = "X-AdherenceSync-Simulator-Drop";
}
