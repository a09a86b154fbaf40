namespace AdherenceSync;

/// <summary>
/// Creates the client of a named registration, such as one per organisation.
/// </summary>
public interface IAdherenceSyncClientFactory
{
    /// <summary>
    /// Creates a client for a registration made with <c>AddAdherenceSync(name, ...)</c>.
    /// </summary>
    /// <remarks>
    /// Clients of the same name share their budgets and what they learned about them; clients of different names share nothing.
    /// </remarks>
    /// <param name="name">The registration name; <see cref="string.Empty"/> for the default registration.</param>
    /// <returns>A client. It is cheap to create and needs no disposal.</returns>
    IAdherenceSyncClient CreateClient(string name);
}
