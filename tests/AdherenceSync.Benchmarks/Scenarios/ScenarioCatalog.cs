namespace AdherenceSync.Benchmarks.Scenarios;

/// <summary>The four scenarios. Rates are high and row counts small, so that each run takes 10–30 s of real time.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("headers-on", "600/min token bucket; answers carry IETF RateLimit/RateLimit-Policy headers.", 600, 600, null, Headers: true, Rows: 150, Queues: 8),
        new("headers-off", "600/min token bucket; no rate-limit headers.", 600, 600, null, Headers: false, Rows: 150, Queues: 8),
        new("hidden-limit", "600/min for the client, and a hidden 180/min per queue; no headers.", 600, 600, 180, Headers: false, Rows: 150, Queues: 8),
        new("wrong-config", "The real budget is 600/min, not the documented 1,800/min (3x too high); no headers.", 600, 1800, null, Headers: false, Rows: 150, Queues: 8),

        // Beyond the four the benchmark issue asks for: a hidden per-queue limit below a queue's fair share of the client's
        // budget, where AdherenceSync's safe choice (a 429 pauses the whole client) costs it the lead. Shown, not hidden.
        new("hidden-limit-tight", "600/min for the client, and a hidden 60/min per queue, below a queue's fair share; no headers.", 600, 600, 60, Headers: false, Rows: 150, Queues: 8),
    ];
}
