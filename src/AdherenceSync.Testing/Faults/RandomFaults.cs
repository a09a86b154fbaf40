namespace AdherenceSync.Testing;

/// <summary>
/// Faults injected at random, from a seed, so that a run can be repeated. Each rate is a probability per write request.
/// The roll depends on the seed, the request (method, path and body) and how many times that same request came before,
/// not on arrival order: concurrent runs meet the same faults.
/// </summary>
public sealed class RandomFaults
{
    /// <summary>Gets or sets the seed.</summary>
    /// <value>The default value is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets the share of requests answered 429 whatever the budget.</summary>
    /// <value>The default value is 0.</value>
    public double ThrottleRate { get; set; }

    /// <summary>Gets or sets the longest Retry-After of a random 429; each is uniform in whole seconds from 0 to this.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the share of requests answered 503; the write is not applied.</summary>
    /// <value>The default value is 0.</value>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Gets or sets the share of requests whose write is applied and whose connection is then reset.</summary>
    /// <value>The default value is 0.</value>
    public double DropAfterWriteRate { get; set; }

    /// <summary>Gets or sets the share of requests whose write is applied and whose answer then stalls.</summary>
    /// <value>The default value is 0.</value>
    public double StallAfterWriteRate { get; set; }

    /// <summary>Gets or sets how long a random stall lasts, on the simulator's clock.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan Stall { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets a value indicating whether explanation queries are also answered 429 or 503 at
    /// <see cref="ThrottleRate"/> and <see cref="ServiceUnavailableRate"/>; the other rates concern writes only.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: only writes get random faults.</value>
    public bool IncludeQueries { get; set; }
}
