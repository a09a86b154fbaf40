using AdherenceSync.Benchmarks.Strategies;
using AdherenceSync.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Benchmarks.Micro;

/// <summary>
/// The client's own cost per row (validation, batching, serialization, pacing and the Polly pipeline) against a plain
/// <see cref="HttpClient"/> POST loop, both sending the same rows one at a time to the same unthrottled loopback simulator.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class PerRowOverheadBenchmarks
{
    private WfmSimulator _simulator = null!;
    private HttpClient _raw = null!;
    private ServiceProvider _provider = null!;
    private IAdherenceSyncClient _client = null!;
    private IReadOnlyList<AdherenceRow> _rows = null!;

    /// <summary>Gets or sets the rows per operation.</summary>
    [Params(200)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new WfmSimulatorOptions { RequestsPerMinute = 100_000_000 };
        _rows = SampleCohort.Generate(Rows, 8, options);
        _simulator = WfmSimulator.Start(options);
        _raw = new HttpClient { BaseAddress = _simulator.BaseAddress };

        var services = new ServiceCollection();
        services.AddAdherenceSync(o =>
        {
            o.BaseAddress = _simulator.BaseAddress;
            o.AccessToken = "t";
            o.Pacing.RequestsPerMinute = 1_000_000;
        });
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<IAdherenceSyncClient>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _raw.Dispose();
        _simulator.Dispose();
    }

    [Benchmark(Baseline = true, Description = "plain HttpClient POST loop")]
    public async Task RawLoopAsync()
    {
        foreach (var row in _rows)
        {
            using var request = RawWrites.Create(row, "t");
            using var response = await _raw.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }
    }

    [Benchmark(Description = "AdherenceSync PushAsync")]
    public Task<PushReport> AdherenceSyncAsync() => _client.PushAsync(_rows);

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
        }
    }
}
