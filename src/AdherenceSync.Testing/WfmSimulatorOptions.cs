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

    /// <summary>
    /// Gets or sets the bearer tokens the simulator accepts, or <see langword="null"/> to accept any non-empty one.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ISet<string>? AcceptedTokens { get; set; }

    /// <summary>
    /// Gets or sets how long the simulator works on a write before it applies it, on <see cref="TimeProvider"/>.
    /// </summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan WriteLatency { get; set; }

    /// <summary>
    /// Gets the faults to inject.
    /// </summary>
    public SimulatorFaults Faults { get; } = new();
}
