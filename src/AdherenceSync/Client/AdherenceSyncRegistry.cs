namespace AdherenceSync.Client;

/// <summary>The names registered with <c>AddAdherenceSync</c>; one instance per service collection.</summary>
internal sealed class AdherenceSyncRegistry
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    public static string HttpClientName(string name) => name.Length == 0 ? "AdherenceSync" : $"AdherenceSync:{name}";

    public static string TokenHttpClientName(string name) => HttpClientName(name) + Authentication.AuthenticationConstants.TokenHttpClientSuffix;
}
