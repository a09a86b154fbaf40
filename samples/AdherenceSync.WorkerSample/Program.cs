using System.Threading.Channels;
using AdherenceSync.Testing;
using AdherenceSync.WorkerSample;

// The content root is the program's own folder, where appsettings.json is copied, so that the sample reads its settings
// whatever folder it is started from (the repository root, as its README says, or its own).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// By default the sample pushes to an embedded simulator that allows fewer requests than the client is configured for,
// so the run is really throttled. Set Simulator:Enabled to false and AdherenceSync:BaseAddress (or Region) plus
// credentials to push to a real org.
if (builder.Configuration.GetValue("Simulator:Enabled", true))
{
    var simulator = WfmSimulator.Start(o =>
    {
        o.RequestsPerMinute = builder.Configuration.GetValue("Simulator:RequestsPerMinute", 480);
        // Besides its budget, the platform answers some writes 429 whatever the budget (its hidden, per-resource
        // limits): seeded, so that a run repeats, and rolled per request, so that every set meets some.
        o.Faults.Random = new RandomFaults
        {
            ThrottleRate = builder.Configuration.GetValue("Simulator:ThrottleRate", 0.0),
            Seed = builder.Configuration.GetValue("Simulator:Seed", 1),
        };
    });
    builder.Services.AddSingleton(simulator);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AdherenceSync:BaseAddress"] = simulator.BaseAddress.ToString(),
        ["AdherenceSync:AccessToken"] = "sample-token",
    });
}

var channel = Channel.CreateBounded<ExceptionSet>(capacity: 8);
builder.Services.AddSingleton(channel.Reader);
builder.Services.AddSingleton(channel.Writer);
builder.Services.Configure<ProducerOptions>(builder.Configuration.GetSection("Producer"));
builder.Services.AddAdherenceSync(builder.Configuration.GetSection("AdherenceSync"));
builder.Services.AddHostedService<ExceptionSetProducer>();
builder.Services.AddHostedService<AdherencePushWorker>();

await builder.Build().RunAsync();
