using AdherenceSync.Pacing;
using AdherenceSync.Resilience;

namespace AdherenceSync.Push;

/// <summary>What decides when a row's requests go and how often: the retry pipelines, pacing, the retry budget and the options.</summary>
/// <param name="Pipelines">The retry, permit and attempt-timeout pipelines.</param>
/// <param name="Pacing">The client's and the queues' budgets.</param>
/// <param name="RetryBudget">The retry budget shared by the client's requests.</param>
/// <param name="Options">The client's options.</param>
internal sealed record RowPolicies(RowPipelines Pipelines, ClientPacing Pacing, RetryBudget RetryBudget, AdherenceSyncOptions Options);
