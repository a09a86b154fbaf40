using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>What a row's requests travel by: the platform's requests, the clock, and the checkpoint target a write is recorded under.</summary>
/// <param name="Api">The platform's requests, sent through the typed client (and a plain one for download links).</param>
/// <param name="Time">The clock.</param>
/// <param name="CheckpointTarget">Where the rows go, as the checkpoint records it.</param>
internal sealed record RowTransport(GenesysApi Api, TimeProvider Time, string CheckpointTarget);
