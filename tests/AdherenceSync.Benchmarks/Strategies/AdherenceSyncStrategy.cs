using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>
/// AdherenceSync with every option at its default except the budget, which is what the user configures: the documented
/// budget of the scenario, times a factor (1, or 3 to show recovery from a wrong setting).
/// </summary>
internal sealed class AdherenceSyncStrategy(string name, double budgetFactor, int maxParallelQueues = 1) : IStrategy
{
    public string Name => name;

    public PushReport? LastReport { get; private set; }

    public async Task RunAsync(StrategyContext context, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = context.BaseAddress;
            o.AccessToken = context.Token;
            o.Pacing.RequestsPerMinute = (int)(context.Scenario.DocumentedRequestsPerMinute * budgetFactor);
            o.MaxParallelQueues = maxParallelQueues;
        });
        await using var provider = services.BuildServiceProvider();
        LastReport = await provider.GetRequiredService<IAdherenceSyncClient>().PushAsync(context.Rows, cancellationToken: cancellationToken);
    }
}
