using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Tests.Client;

/// <summary>
/// An AppFoundry-style service pushes to three organisations at once from one process: each has its own credentials,
/// token, budget and limiter partitions.
/// </summary>
public sealed class MultiOrgTests
{
    private const int RowsPerOrg = 60;

    /// <summary>
    /// A configured budget is a ceiling, not a pace: against these token buckets, which hold one second of budget and send no
    /// headers, each org learns its bucket from a few 429s of its own, as a client told nothing does: 4 to 6 seen alone and
    /// 9 once in a full, loaded run (2026-12-07); a bucket refused a little early can lower the learned allowance, which
    /// costs another. A learned window already at the ceiling is not probed upward, which would cost more.
    /// </summary>
    private const int LearningThrottles = 10;

    private static readonly (string Name, int RequestsPerMinute)[] Orgs = [("contoso", 120), ("fabrikam", 240), ("northwind", 480)];

    [Fact]
    public async Task Push_ThreeOrgsAtOnce_EachStaysWithinItsOwnBudget()
    {
        using var run = await PushAllAsync(contosoServerBudget: 120);

        foreach (var (name, _) in Orgs)
        {
            Assert.Equal(RowsPerOrg, run.Reports[name].Succeeded);
            Assert.InRange(run.Simulator.ThrottledCountFor(name), 0, LearningThrottles);
            Assert.Equal(RowsPerOrg, run.Simulator.Writes.Count(w => w.Org == name));
        }

        Assert.Empty(run.Simulator.FindDuplicateWrites());
        Assert.Equal(3, run.Simulator.TokenRequests);
    }

    [Fact]
    public async Task Push_429StormInOneOrg_DoesNotSlowTheOthers()
    {
        using var calm = await PushAllAsync(contosoServerBudget: 120);
        using var storm = await PushAllAsync(contosoServerBudget: 20);

        var stormThrottles = storm.Simulator.ThrottledCountFor("contoso");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"contoso 429s calm {calm.Simulator.ThrottledCountFor("contoso")}, storm {stormThrottles}; " +
            string.Join("; ", Orgs.Skip(1).Select(o => $"{o.Name} {calm.Reports[o.Name].Duration.TotalSeconds:F1} s calm ({calm.Simulator.ThrottledCountFor(o.Name)} 429s) vs {storm.Reports[o.Name].Duration.TotalSeconds:F1} s storm ({storm.Simulator.ThrottledCountFor(o.Name)} 429s)")));
        Assert.True(stormThrottles >= 5, $"expected a storm in contoso, saw {stormThrottles} 429s");
        foreach (var (name, _) in Orgs.Skip(1))
        {
            Assert.Equal(RowsPerOrg, storm.Reports[name].Succeeded);
            Assert.InRange(storm.Simulator.ThrottledCountFor(name), 0, LearningThrottles);
            Assert.True(
                storm.Reports[name].Duration <= (calm.Reports[name].Duration * 1.1) + TimeSpan.FromSeconds(1),
                $"{name} took {storm.Reports[name].Duration} in the storm, {calm.Reports[name].Duration} without");
        }
    }

    private static async Task<MultiOrgRun> PushAllAsync(int contosoServerBudget)
    {
        var tracker = new InFlightTracker();
        FakeClock clock = null!;
        clock = new FakeClock(isIdle: () => tracker.Current <= clock.HeldBySimulator);
        var simulator = WfmSimulator.Start(s =>
        {
            s.TimeProvider = clock.Time;
            foreach (var (name, perMinute) in Orgs)
            {
                s.Orgs.Add(new SimulatorOrg { Name = name, ClientId = $"{name}-id", ClientSecret = $"{name}-secret", RequestsPerMinute = name == "contoso" ? contosoServerBudget : perMinute });
            }
        });

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock.Time);
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(tracker.CreateHandler));
        foreach (var (name, perMinute) in Orgs)
        {
            services.AddAdherenceSync(name, o =>
            {
                o.BaseAddress = simulator.BaseAddress;
                o.ClientCredentials.ClientId = $"{name}-id";
                o.ClientCredentials.ClientSecret = $"{name}-secret";
                o.Pacing.RequestsPerMinute = perMinute;
                o.MaxParallelQueues = 3;

                // With adaptation off nothing learns contoso's real budget, so its storm lasts the whole push.
                o.Pacing.Adaptive.Enabled = name != "contoso" || contosoServerBudget >= perMinute;
            });
        }

        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IAdherenceSyncClientFactory>();
        var pushes = Orgs.Select((org, i) => factory.CreateClient(org.Name).PushAsync(
            SampleCohort.Generate(RowsPerOrg, 3, simulator.Options, seed: i), cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        var reports = await clock.RunAsync(Task.WhenAll(pushes));
        return new MultiOrgRun(simulator, Orgs.Select((o, i) => (o.Name, reports[i])).ToDictionary(p => p.Name, p => p.Item2));
    }

    private sealed record MultiOrgRun(WfmSimulator Simulator, Dictionary<string, PushReport> Reports) : IDisposable
    {
        public void Dispose() => Simulator.Dispose();
    }
}
