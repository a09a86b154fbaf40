namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures one AdherenceSync registration further.
/// </summary>
public interface IAdherenceSyncBuilder
{
    /// <summary>
    /// Gets the registration name; <see cref="string.Empty"/> for the default registration.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// Gets the service collection the registration was made in.
    /// </summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Gets the builder of the registration's <see cref="HttpClient"/>, to add handlers of your own.
    /// </summary>
    IHttpClientBuilder HttpClient { get; }
}
