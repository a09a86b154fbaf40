using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>
/// What a lookup found: for each row it could answer for, its explanation, or <see langword="null"/> when the platform
/// has none; a row it could not answer for (the query failed) is absent. <see cref="Requests"/> counts the queries and
/// job polls it took.
/// </summary>
internal sealed record ExplanationLookupResult(IReadOnlyDictionary<int, AdherenceExplanation?> Found, int Requests);
