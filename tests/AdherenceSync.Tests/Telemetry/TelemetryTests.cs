using System.Diagnostics;
using System.Diagnostics.Metrics;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AdherenceSync.Tests.Telemetry;

/// <summary>Every instrument of the <c>AdherenceSync</c> meter records, and a push is traced as push, batch and request spans.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Push_WithAThrottleAndAnOutage_RecordsEveryInstrument()
    {
        using var harness = CreateSut();
        var meters = harness.Services.GetRequiredService<IMeterFactory>();
        using var rows = new MetricCollector<long>(meters, "AdherenceSync", "adherencesync.rows");
        using var requests = new MetricCollector<long>(meters, "AdherenceSync", "adherencesync.requests");
        using var throttled = new MetricCollector<long>(meters, "AdherenceSync", "adherencesync.throttled");
        using var waits = new MetricCollector<double>(meters, "AdherenceSync", "adherencesync.pacing.wait");
        using var retries = new MetricCollector<long>(meters, "AdherenceSync", "adherencesync.retries");
        using var rate = new MetricCollector<double>(meters, "AdherenceSync", "adherencesync.rate");

        var report = await harness.PushAsync(SampleCohort.Generate(6, 2, harness.SimulatorOptions));
        rate.RecordObservableInstruments();

        Assert.Equal(3, report.Succeeded);
        Assert.Equal(3, report.Rejected);
        Assert.Equal(3, Sum(rows, "adherencesync.outcome", "Succeeded"));
        Assert.Equal(3, Sum(rows, "adherencesync.outcome", "Rejected"));
        Assert.Equal(harness.Simulator.Requests.Count, requests.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(4, Sum(requests, "http.response.status_class", "4xx")); // three refusals and the 429
        Assert.Equal(1, Sum(requests, "http.response.status_class", "5xx"));
        Assert.Equal(1, throttled.GetMeasurementSnapshot().Sum(m => m.Value));
        // One retry after the 429, one after the 503; the retry after the 503 checks first (a query of its own), then writes.
        Assert.Equal(2, Sum(retries, "adherencesync.endpoint", "write"));
        Assert.Equal(1, Sum(requests, "adherencesync.endpoint", "query"));
        Assert.Contains(waits.GetMeasurementSnapshot(), m => Equals(m.Tags["adherencesync.wait"], "retry_after") && m.Value == 1);
        Assert.Contains(waits.GetMeasurementSnapshot(), m => Equals(m.Tags["adherencesync.wait"], "permit"));
        // The client is held to its configured 300 a minute; one 429 teaches no queue a window, so no queue reports a rate.
        Assert.Contains(rate.GetMeasurementSnapshot(), m => Equals(m.Tags["adherencesync.partition"], "client") && m.Value == 5);
        Assert.DoesNotContain(rate.GetMeasurementSnapshot(), m => ((string)m.Tags["adherencesync.partition"]!).StartsWith("queue:", StringComparison.Ordinal));
        Assert.All(rows.GetMeasurementSnapshot(), m => Assert.Equal(string.Empty, m.Tags["adherencesync.client"]));
    }

    [Fact]
    public void Meter_EveryInstrument_HasAUnitAndADescription()
    {
        using var harness = CreateSut();
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "AdherenceSync" && instrument.Meter.Scope == harness.Services.GetRequiredService<IMeterFactory>())
                {
                    instruments.Add(instrument);
                }
            },
        };
        listener.Start();

        Assert.Equal(
            ["adherencesync.pacing.wait", "adherencesync.rate", "adherencesync.requests", "adherencesync.retries", "adherencesync.rows", "adherencesync.throttled", "adherencesync.throttled.unexplained"],
            instruments.Select(i => i.Name).Order());
        Assert.All(instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Unit), i.Name));
        Assert.All(instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Description), i.Name));
    }

    [Fact]
    public async Task Push_Traced_HasOnePushSpanBatchSpansAndARequestSpanPerRequest()
    {
        using var root = new ActivitySource("AdherenceSync.Tests.Telemetry");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "AdherenceSync" or "AdherenceSync.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var harness = CreateSut();
        var cohort = SampleCohort.Generate(6, 2, harness.SimulatorOptions);

        ActivityTraceId trace;
        using (var test = root.StartActivity("test")!)
        {
            trace = test.TraceId;
            await harness.PushAsync(cohort);
        }

        List<Activity> ours;
        lock (spans)
        {
            ours = [.. spans.Where(s => s.TraceId == trace && s.Source.Name == "AdherenceSync")];
        }

        var push = Assert.Single(ours, s => s.OperationName == "adherencesync.push");
        Assert.Equal(6, push.GetTagItem("adherencesync.rows"));
        Assert.Equal(2, push.GetTagItem("adherencesync.queues"));
        Assert.Equal(3, push.GetTagItem("adherencesync.rows.succeeded"));
        Assert.Equal(3, push.GetTagItem("adherencesync.rows.rejected"));
        var batches = ours.Where(s => s.OperationName == "adherencesync.batch").ToList();
        Assert.Equal(["queue-01", "queue-02"], batches.Select(b => (string)b.GetTagItem("adherencesync.queue")!).Order());
        Assert.All(batches, b => Assert.Equal(push.SpanId, b.ParentSpanId));
        Assert.All(batches, b => Assert.Equal(3, b.GetTagItem("adherencesync.rows")));
        var requests = ours.Where(s => s.OperationName == "adherencesync.request").ToList();
        Assert.Equal(harness.Simulator.Requests.Count, requests.Count);
        Assert.All(requests, r => Assert.Contains(r.ParentSpanId, batches.Select(b => b.SpanId)));
        Assert.Contains(requests, r => Equals(r.GetTagItem("http.response.status_code"), 429) && r.Status == ActivityStatusCode.Error);
        Assert.Single(requests, r => Equals(r.GetTagItem("adherencesync.endpoint"), "query")); // the 503 was checked before writing again
        Assert.Equal(requests.Count - 1, requests.Count(r => Equals(r.GetTagItem("adherencesync.endpoint"), "write")));
    }

    private static long Sum(MetricCollector<long> collector, string tag, string value)
        => collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);

    /// <summary>
    /// Six rows in two queues, one agent each: the second write is throttled (Retry-After 1 s), the fourth meets a 503,
    /// and the agent of queue-02 is refused (its three rows are rejected).
    /// </summary>
    private static Harness CreateSut() => new(
        s =>
        {
            s.RequestsPerMinute = Harness.AmpleRequestsPerMinute;
            s.Faults.AtRequest[2] = SimulatedFault.Throttle("1");
            s.Faults.AtRequest[4] = SimulatedFault.Status(503);
            s.Faults.ForAgent["agent-02-001"] = SimulatedFault.Status(422, "bad.request", "Refused.");
        },
        c => c.Pacing.RequestsPerMinute = 300);
}
