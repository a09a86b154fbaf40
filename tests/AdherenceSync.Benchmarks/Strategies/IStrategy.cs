namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>One way of pushing the rows.</summary>
internal interface IStrategy
{
    string Name { get; }

    /// <summary>Pushes every row to the simulator; what landed is counted by the simulator, not by the strategy.</summary>
    Task RunAsync(StrategyContext context, CancellationToken cancellationToken);
}
