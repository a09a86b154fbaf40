using AdherenceSync.Benchmarks.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>
/// AdherenceSync with every option at its default (one request in flight, queues take turns, no budget configured), or,
/// for reference, told a budget: the exact one of the scenario, or the one its documentation states.
/// </summary>
internal sealed class AdherenceSyncStrategy(string name, Func<Scenario, (int? Client, int? Queue)> budget, bool sharedRedis = false) : IStrategy
{
    public string Name => name;

    public static AdherenceSyncStrategy Defaults { get; } = new("AdherenceSync defaults (not told the budget)", _ => (null, null));

    /// <summary>
    /// Gets AdherenceSync told the server's token rate; where the scenario changes it, the higher of the two, since the
    /// option is a ceiling (told the lower one, the client rightly never goes past it).
    /// </summary>
    public static AdherenceSyncStrategy ToldExact { get; } = new("AdherenceSync told the exact budget (reference)", s => (Math.Max(s.ServerRequestsPerMinute, s.LimitChange?.RequestsPerMinute ?? 0), s.QueueRequestsPerMinute));

    public static AdherenceSyncStrategy ToldDocumented { get; } = new("AdherenceSync told the documented budget", s => (s.DocumentedRequestsPerMinute, null));

    /// <summary>Gets the defaults plus <c>UseRedisBudget</c> on a Redis the instances share (nothing else configured but the expected instances).</summary>
    public static AdherenceSyncStrategy DefaultsSharedRedis { get; } = new("AdherenceSync defaults + shared Redis", _ => (null, null), sharedRedis: true);

    public async Task RunAsync(StrategyContext context, CancellationToken cancellationToken)
    {
        var (client, queue) = budget(context.Scenario);
        var services = new ServiceCollection();
        var registration = services.AddAdherenceSync(o =>
        {
            o.BaseAddress = context.BaseAddress;
            o.AccessToken = context.Token;
            o.Pacing.RequestsPerMinute = client;
            o.Pacing.QueueRequestsPerMinute = queue;
            o.BusinessUnitId = context.Scenario.JobLatency is null ? null : new Testing.WfmSimulatorOptions().BusinessUnitId;
        });
        if (sharedRedis && context.Redis is { } redis)
        {
            registration.UseRedisBudget(o =>
            {
                o.Configuration = redis;
                o.KeyPrefix = context.Run;
                o.ExpectedInstances = context.Scenario.Instances;
            });
        }
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IAdherenceSyncClient>().PushAsync(context.Rows, cancellationToken: cancellationToken);
    }
}
