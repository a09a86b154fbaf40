using AdherenceSync.Benchmarks.Scenarios;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>What a strategy gets: the scenario, its rows, and where the server is.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Rows">The rows this instance pushes.</param>
/// <param name="BaseAddress">The simulator.</param>
/// <param name="Token">The token every instance uses.</param>
internal sealed record StrategyContext(Scenario Scenario, IReadOnlyList<AdherenceRow> Rows, Uri BaseAddress, string Token)
{
    /// <summary>Gets a Redis the instances of one run may share (an embedded Garnet), when the scenario has several.</summary>
    public string? Redis { get; init; }

    /// <summary>Gets a name for this run, the same for all its instances: a Redis key prefix no other run uses.</summary>
    public string Run { get; init; } = Guid.NewGuid().ToString("N");
}
