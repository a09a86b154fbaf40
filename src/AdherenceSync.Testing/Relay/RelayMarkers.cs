namespace AdherenceSync.Testing.Relay;

/// <summary>Response headers the simulator sets to tell the relay what to do with an answer.</summary>
internal static class RelayMarkers
{
    /// <summary>Reset the client's connection instead of forwarding this answer.</summary>
    public const string Drop = "X-AdherenceSync-Simulator-Drop";

    /// <summary>Forward this answer's body one byte at a time, this many milliseconds apart (real time).</summary>
    public const string Trickle = "X-AdherenceSync-Simulator-Trickle";
}
