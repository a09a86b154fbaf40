namespace AdherenceSync.Benchmarks.Scenarios;

/// <summary>
/// The servers of the pacing issue: fixed windows of 1 s, 6 s and 60 s and a token bucket, each with headers on and off;
/// a hidden per-queue limit below a queue's fair share; a documented budget 3× too high; a budget below Genesys'
/// documented 300 a minute. Rows are few, so that each run takes seconds of real time; the 60 s window keeps its shape
/// and has fewer rows.
/// </summary>
internal static class ScenarioCatalog
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SixSeconds = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("window-1s-headers", "Fixed 1 s window of 4 (240/min); inin-ratelimit-* headers.", 240, OneSecond, 300, null, Headers: true, Rows: 40, Queues: 4),
        new("window-1s-no-headers", "Fixed 1 s window of 4 (240/min); no rate-limit headers.", 240, OneSecond, 300, null, Headers: false, Rows: 40, Queues: 4),
        new("window-6s-headers", "Fixed 6 s window of 24 (240/min); inin-ratelimit-* headers.", 240, SixSeconds, 300, null, Headers: true, Rows: 72, Queues: 4),
        new("window-6s-no-headers", "Fixed 6 s window of 24 (240/min); no rate-limit headers.", 240, SixSeconds, 300, null, Headers: false, Rows: 72, Queues: 4),
        new("window-60s-headers", "Fixed 60 s window of 100; inin-ratelimit-* headers.", 100, OneMinute, 300, null, Headers: true, Rows: 150, Queues: 4),
        new("window-60s-no-headers", "Fixed 60 s window of 100; no rate-limit headers.", 100, OneMinute, 300, null, Headers: false, Rows: 150, Queues: 4),
        new("bucket-headers", "Token bucket of 240/min holding 4; IETF RateLimit headers.", 240, null, 300, null, Headers: true, Rows: 40, Queues: 4),
        new("bucket-no-headers", "Token bucket of 240/min holding 4; no rate-limit headers.", 240, null, 300, null, Headers: false, Rows: 40, Queues: 4),
        new("queue-limit-headers", "Token bucket of 600/min for the token, and a hidden 30/min per queue (below a queue's fair share of 75/min); IETF headers count the token's budget only.", 600, null, 600, 30, Headers: true, Rows: 48, Queues: 8),
        new("queue-limit-no-headers", "Token bucket of 600/min for the token, and a hidden 30/min per queue (below a queue's fair share of 75/min); no headers.", 600, null, 600, 30, Headers: false, Rows: 48, Queues: 8),
        new("documented-3x-headers", "Fixed 6 s window of 24 (240/min); the documented budget is 720/min, 3× too high; inin-ratelimit-* headers.", 240, SixSeconds, 720, null, Headers: true, Rows: 72, Queues: 4),
        new("documented-3x-no-headers", "Fixed 6 s window of 24 (240/min); the documented budget is 720/min, 3× too high; no headers.", 240, SixSeconds, 720, null, Headers: false, Rows: 72, Queues: 4),
        new("below-default-headers", "Token bucket of 180/min, below Genesys' documented 300/min; IETF headers.", 180, null, 300, null, Headers: true, Rows: 30, Queues: 4),
        new("below-default-no-headers", "Token bucket of 180/min, below Genesys' documented 300/min; no headers.", 180, null, 300, null, Headers: false, Rows: 30, Queues: 4),
        new("limit-rises-no-headers", "Fixed 6 s window of 8 (80/min) that becomes 24 (240/min) 36 s after the start; no headers.", 80, SixSeconds, 80, null, Headers: false, Rows: 144, Queues: 8)
        {
            LimitChange = (TimeSpan.FromSeconds(36), 240),
        },
        new("limit-falls-no-headers", "Fixed 6 s window of 24 (240/min) that becomes 8 (80/min) 24 s after the start; no headers.", 240, SixSeconds, 240, null, Headers: false, Rows: 144, Queues: 8)
        {
            LimitChange = (TimeSpan.FromSeconds(24), 80),
        },
        new("three-instances-headers", "Fixed 6 s window of 24 (240/min) for the token; inin-ratelimit-* headers; three instances of each strategy on that token, each with 3 of the 9 queues.", 240, SixSeconds, 240, null, Headers: true, Rows: 144, Queues: 9)
        {
            Instances = 3,
        },
        new("three-instances-no-headers", "Fixed 6 s window of 24 (240/min) for the token; no headers; three instances of each strategy on that token, each with 3 of the 9 queues.", 240, SixSeconds, 240, null, Headers: false, Rows: 144, Queues: 9)
        {
            Instances = 3,
        },
        new("random-429-headers", "Fixed 6 s window of 24 (240/min), and 10 % of writes answered 429 whatever the budget (Retry-After 0 or 1 s, naming the token's limit); inin-ratelimit-* headers. The lower bound counts those 429s as requests the rows need.", 240, SixSeconds, 240, null, Headers: true, Rows: 144, Queues: 8)
        {
            RandomThrottleRate = 0.1,
        },
        new("jobs-202-headers", "Fixed 6 s window of 24 (240/min); inin-ratelimit-* headers; every write answered 202 with a job that completes after 1 s (the queue busy until then), and the jobs of 2 agents end in Error; AdherenceSync is given the business unit. The lower bound is the writes' alone.", 240, SixSeconds, 240, null, Headers: true, Rows: 144, Queues: 8)
        {
            JobLatency = TimeSpan.FromSeconds(1),
            JobErrorAgents = 2,
        },
        new("jobs-half-202-headers", "Fixed 6 s window of 24 (240/min); inin-ratelimit-* headers; every second write answered 202 with a job that completes after 1 s (the queue busy until then), the others 200; AdherenceSync is given the business unit. The lower bound is the writes' alone.", 240, SixSeconds, 240, null, Headers: true, Rows: 144, Queues: 8)
        {
            JobLatency = TimeSpan.FromSeconds(1),
            JobShare = 0.5,
        },
    ];
}
