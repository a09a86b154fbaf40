namespace AdherenceSync.Benchmarks.Scenarios;

/// <summary>
/// One server behaviour to push against: its real budget and shape, what the documentation says the budget is, and the
/// rows. AdherenceSync's default strategy is told none of it.
/// </summary>
/// <param name="Name">A short name for tables and files.</param>
/// <param name="Description">What the scenario models.</param>
/// <param name="ServerRequestsPerMinute">The server's real budget for the token.</param>
/// <param name="Window">The server's fixed window (Genesys' model), or <see langword="null"/> for a token bucket holding one second of budget.</param>
/// <param name="DocumentedRequestsPerMinute">The budget the documentation states, which a user who configures one sets.</param>
/// <param name="QueueRequestsPerMinute">A hidden per-queue limit, or null.</param>
/// <param name="Headers">Whether answers carry rate-limit headers (<c>inin-ratelimit-*</c> for a window, IETF for a bucket).</param>
/// <param name="Rows">How many rows.</param>
/// <param name="Queues">Over how many queues.</param>
internal sealed record Scenario(
    string Name, string Description, int ServerRequestsPerMinute, TimeSpan? Window, int DocumentedRequestsPerMinute, int? QueueRequestsPerMinute, bool Headers, int Rows, int Queues)
{
    /// <summary>Gets when, after the push starts, the server's token budget changes, and to what; <see langword="null"/> when it never does.</summary>
    public (TimeSpan After, int RequestsPerMinute)? LimitChange { get; init; }

    /// <summary>
    /// Gets how many instances of each strategy push at once with the same token, each its own share of the queues (as
    /// replicas of one service do); the server's budget is the token's, so the lower bound is as for one.
    /// </summary>
    public int Instances { get; init; } = 1;

    /// <summary>Gets the share of writes the server answers 429 whatever the budget (Retry-After of 0 or 1 s): no budget's 429s.</summary>
    public double RandomThrottleRate { get; init; }

    /// <summary>
    /// Gets how long a write takes as a job: when set, every write is answered 202 with a job that completes after this
    /// long, and the queue is busy until it does; AdherenceSync is given the simulator's business unit.
    /// </summary>
    public TimeSpan? JobLatency { get; init; }

    /// <summary>Gets the share of writes answered as jobs when <see cref="JobLatency"/> is set; the others are answered 200.</summary>
    public double JobShare { get; init; } = 1;

    /// <summary>Gets how many agents' write jobs end in <c>Error</c> (the first agents of the rows).</summary>
    public int JobErrorAgents { get; init; }

    public double ServerPerSecond => ServerRequestsPerMinute / 60d;

    /// <summary>Gets how many requests one window allows, as the simulator rounds it.</summary>
    public int PerWindow(int perMinute) => Window is { } window ? (int)Math.Max(1, Math.Round(perMinute * window.TotalSeconds / 60)) : 0;

    /// <summary>Gets how many requests a full token bucket of this rate holds, as the simulator sizes it.</summary>
    public static double Burst(double perSecond) => Math.Max(1, Math.Floor(perSecond));
}
