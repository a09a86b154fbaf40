namespace AdherenceSync.Testing;

/// <summary>
/// The faults a <see cref="WfmSimulator"/> injects into explanation writes: at chosen requests, for chosen agents,
/// or at seeded random rates.
/// </summary>
public sealed class SimulatorFaults
{
    /// <summary>
    /// Gets the faults to inject at chosen write requests, by their 1-based number among all write requests received.
    /// </summary>
    public IDictionary<int, SimulatedFault> AtRequest { get; } = new Dictionary<int, SimulatedFault>();

    /// <summary>
    /// Gets the faults to inject into every write for a chosen agent.
    /// </summary>
    public IDictionary<string, SimulatedFault> ForAgent { get; } = new Dictionary<string, SimulatedFault>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the seeded random faults, or <see langword="null"/> for none.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public RandomFaults? Random { get; set; }

    /// <summary>
    /// Gets or sets how the token endpoint answers every sign-in instead of issuing a token (a sign-in outage), or
    /// <see langword="null"/> to sign in normally. Its <see cref="SimulatedFault.StatusCode"/> and
    /// <see cref="SimulatedFault.RawBody"/> (or an error body) are used.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SimulatedFault? SignIn { get; set; }
}
