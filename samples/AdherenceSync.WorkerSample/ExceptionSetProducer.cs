using System.Threading.Channels;
using AdherenceSync.Testing;
using Microsoft.Extensions.Options;

namespace AdherenceSync.WorkerSample;

/// <summary>Stands in for whatever feeds the service: writes a few generated sets to the channel, then completes it.</summary>
internal sealed class ExceptionSetProducer(ChannelWriter<ExceptionSet> writer, IOptions<ProducerOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            for (var set = 0; set < settings.Sets; set++)
            {
                var rows = SampleCohort.Generate(settings.RowsPerSet, settings.QueuesPerSet, seed: set + 1);
                await writer.WriteAsync(new ExceptionSet($"set-{set + 1}", rows), stoppingToken);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
