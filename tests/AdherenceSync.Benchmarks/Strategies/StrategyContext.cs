using AdherenceSync.Benchmarks.Scenarios;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>What a strategy gets: the scenario, its rows, and where the server is.</summary>
internal sealed record StrategyContext(Scenario Scenario, IReadOnlyList<AdherenceRow> Rows, Uri BaseAddress, string Token);
