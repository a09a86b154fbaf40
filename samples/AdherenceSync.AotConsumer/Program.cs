using AdherenceSync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Options come from configuration (the source-generated binder), are validated at start-up (the source-generated
// validator), and a push runs the whole pipeline: validation, pacing, Polly, HTTP and the report.
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AdherenceSync:BaseAddress"] = args.Length > 0 ? args[0] : "http://127.0.0.1:9/",
        ["AdherenceSync:AccessToken"] = "aot-token",
        ["AdherenceSync:Retry:MaxAttempts"] = "1",
        ["AdherenceSync:Retry:AttemptTimeout"] = "00:00:02",
    })
    .Build();

var services = new ServiceCollection();
services.AddAdherenceSync(configuration.GetSection("AdherenceSync"));
using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IAdherenceSyncClient>();

AdherenceRow[] rows =
[
    new() { AgentId = "agent-1", QueueId = "queue-1", StartDate = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), LengthMinutes = 15 },
    new() { AgentId = "agent-2", QueueId = "queue-1", StartDate = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), LengthMinutes = 5 },
];
Console.WriteLine($"validation errors: {AdherenceRowValidator.Validate(rows).Count}");

var report = await client.PushAsync(rows);
foreach (var row in report.Rows)
{
    Console.WriteLine($"row {row.Index}: {row.Outcome} {row.Error}");
}

Console.WriteLine($"total {report.Total}: {report.Succeeded} succeeded, {report.Failed} failed, {report.Unknown} unknown, {report.NotAttempted} not attempted");
return report.Total == rows.Length ? 0 : 1;
