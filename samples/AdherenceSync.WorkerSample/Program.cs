using System.Threading.Channels;
using AdherenceSync.Testing;
using AdherenceSync.WorkerSample;

var builder = Host.CreateApplicationBuilder(args);

// By default the sample pushes to an embedded simulator that allows fewer requests than the client is configured for,
// so the run is really throttled. Set Simulator:Enabled to false and AdherenceSync:BaseAddress (or Region) plus
// credentials to push to a real org.
if (builder.Configuration.GetValue("Simulator:Enabled", true))
{
    var simulator = WfmSimulator.Start(o => o.RequestsPerMinute = builder.Configuration.GetValue("Simulator:RequestsPerMinute", 480));
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
