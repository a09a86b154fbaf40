using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AdherenceSync.Client;

/// <summary>
/// The <c>User-Agent</c> every request carries: the application's product token when one is configured, then
/// <c>AdherenceSync/&lt;version&gt; (.NET &lt;runtime&gt;; &lt;OS&gt;)</c>, as the official SDKs identify themselves.
/// </summary>
internal static class UserAgent
{
    public static readonly string Version = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void Apply(HttpRequestHeaders headers, string? applicationName)
    {
        if (!string.IsNullOrWhiteSpace(applicationName))
        {
            foreach (var product in applicationName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                headers.UserAgent.Add(ProductInfoHeaderValue.Parse(product));
            }
        }

        headers.UserAgent.Add(new ProductInfoHeaderValue("AdherenceSync", Version));
        headers.UserAgent.Add(new ProductInfoHeaderValue($"(.NET {Environment.Version}; {RuntimeInformation.OSArchitecture})"));
        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Says whether <paramref name="applicationName"/> is one or more product tokens (<c>Name/1.2</c>).</summary>
    public static bool IsValid(string applicationName)
        => applicationName.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } products
           && products.All(p => ProductInfoHeaderValue.TryParse(p, out var parsed) && parsed.Product is not null);
}
