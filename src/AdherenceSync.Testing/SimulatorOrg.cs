namespace AdherenceSync.Testing;

/// <summary>
/// An organisation the simulator serves: its OAuth client credentials and its own budget.
/// </summary>
public sealed class SimulatorOrg
{
    /// <summary>Gets the organisation's name, used in the audit.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the OAuth client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>Gets the OAuth client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>
    /// Gets the organisation's budget in requests a minute.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <see cref="WfmSimulatorOptions.RequestsPerMinute"/>.</value>
    public int? RequestsPerMinute { get; init; }
}
