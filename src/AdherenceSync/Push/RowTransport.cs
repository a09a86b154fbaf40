namespace AdherenceSync.Push;

/// <summary>What a row's requests travel by: the API's client, the plain client for download links, the clock, and the checkpoint target a write is recorded under.</summary>
/// <param name="Api">The typed client, with the token handler.</param>
/// <param name="PlainHttp">A client without the bearer token, for a listing behind a download link on another host.</param>
/// <param name="Time">The clock.</param>
/// <param name="CheckpointTarget">Where the rows go, as the checkpoint records it.</param>
internal sealed record RowTransport(HttpClient Api, Func<HttpClient> PlainHttp, TimeProvider Time, string CheckpointTarget);
