namespace AdherenceSync.Testing;

/// <summary>
/// How a <see cref="WfmSimulator"/> behaves: its limits, its clock, and the faults it injects.
/// </summary>
public sealed class WfmSimulatorOptions
{
    /// <summary>
    /// Gets or sets the clock the simulator measures budgets and Retry-After windows on.
    /// </summary>
    /// <remarks>Share a <c>FakeTimeProvider</c> with the client under test to make throttling deterministic.</remarks>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the budget of each bearer token, in requests a minute (a token bucket).
    /// </summary>
    /// <value>The default value is 300.</value>
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// Gets or sets how many requests a full token bucket holds.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: one second of the budget, at least 1.</value>
    public int? Burst { get; set; }

    /// <summary>
    /// Gets or sets a lower, hidden budget per queue, in requests a minute, or <see langword="null"/> for none.
    /// </summary>
    /// <remarks>The queue of a write is found through <see cref="AgentQueues"/>.</remarks>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? QueueRequestsPerMinute { get; set; }

    /// <summary>
    /// Gets the queue of each agent. The queue is never sent by the client; the simulator needs it to enforce
    /// <see cref="QueueRequestsPerMinute"/> and to find writes of one queue that overlap.
    /// </summary>
    public IDictionary<string, string> AgentQueues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the business unit every agent belongs to, which the business-unit query answers for.</summary>
    /// <value>The default value is <c>bu-simulated</c>.</value>
    public string BusinessUnitId { get; set; } = "bu-simulated";

    /// <summary>
    /// Gets or sets the share of explanation queries answered as a job (<c>{ job: { status: Processing } }</c>, whose
    /// <c>downloadUrl</c> serves the listing once <c>Complete</c>), spread evenly; a query with <c>forceAsync=true</c>
    /// is always answered so.
    /// </summary>
    /// <value>The default value is 0: only <c>forceAsync=true</c> makes a job.</value>
    public double QueryJobShare { get; set; }

    /// <summary>Gets or sets how long a query job processes before it is <c>Complete</c>, on <see cref="TimeProvider"/>.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan QueryJobLatency { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the loopback port the simulator listens on, such as one a program outside the test is told.</summary>
    /// <value>The default value is 0: a free port, given by <see cref="WfmSimulator.BaseAddress"/>.</value>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets the static bearer tokens the simulator accepts, or <see langword="null"/> to accept any non-empty one
    /// (when no <see cref="Orgs"/> are set). Tokens issued by the token endpoint are always accepted until they expire.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ISet<string>? AcceptedTokens { get; set; }

    /// <summary>
    /// Gets the organisations the token endpoint (<c>POST /oauth/token</c>) signs in, each with its own budget.
    /// </summary>
    public IList<SimulatorOrg> Orgs { get; } = [];

    /// <summary>
    /// Gets or sets how long an issued token lasts (<c>expires_in</c>). An expired token is answered 401.
    /// </summary>
    /// <value>The default value is 24 hours.</value>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets a fixed window for the budget (Genesys' model: <see cref="RequestsPerMinute"/> scaled to the window),
    /// or <see langword="null"/> for a token bucket.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? RateLimitWindow { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether answers carry rate-limit headers: <c>inin-ratelimit-*</c> with a
    /// <see cref="RateLimitWindow"/>, the IETF draft's <c>RateLimit</c> and <c>RateLimit-Policy</c> with a token bucket.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RateLimitHeaders { get; set; }

    /// <summary>
    /// Gets or sets how long a write takes as a job: when set, writes are answered 202 with a job that completes (or
    /// ends in Error) after this long; when <see langword="null"/>, writes are answered 200 with the explanation.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? JobLatency { get; set; }

    /// <summary>
    /// Gets or sets the share of writes answered as jobs when <see cref="JobLatency"/> is set, spread evenly (the n-th
    /// write is a job when n × share crosses a whole number); the others are answered 200 with the explanation.
    /// </summary>
    /// <value>The default value is 1: every write.</value>
    public double JobShare { get; set; } = 1;

    /// <summary>
    /// Gets or sets how long the simulator works on a write before it applies it, on <see cref="TimeProvider"/>.
    /// </summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan WriteLatency { get; set; }

    /// <summary>
    /// Gets or sets how the explanation query answers: with the listing inline (<see langword="false"/>), or with a job and a
    /// <c>downloadUrl</c> that serves the listing (<see langword="true"/>).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool QueryAnswersWithDownload { get; set; }

    /// <summary>
    /// Gets or sets the base URL put in front of download links, for a download host of your own (such as a stub that
    /// records the headers it receives); <see langword="null"/> for the simulator's own <c>/downloads/</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? DownloadBaseAddress { get; set; }

    /// <summary>
    /// Gets the faults to inject.
    /// </summary>
    public SimulatorFaults Faults { get; } = new();
}
