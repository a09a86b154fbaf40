namespace AdherenceSync.Client;

/// <summary>The names registered with <c>AddAdherenceSync</c>; one instance per service collection.</summary>
internal sealed class AdherenceSyncRegistry
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>How logs and messages name a registration: the default one (no name) is <c>default</c>.</summary>
    public static string DisplayName(string name) => Telemetry.TelemetryNames.Registration(name);

    public static string HttpClientName(string name) => name.Length == 0 ? "AdherenceSync" : $"AdherenceSync:{name}";

    /// <summary>The client outside the pipeline, with no token handler: sign-in and download links.</summary>
    public static string PlainHttpClientName(string name) => HttpClientName(name) + Authentication.AuthenticationConstants.PlainHttpClientSuffix;
}
