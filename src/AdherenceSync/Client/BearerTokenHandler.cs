using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Client;

/// <summary>Adds the configured bearer token to every request of one named client.</summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AdherenceSyncOptions> options, string name) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Get(name).AccessToken);
        return base.SendAsync(request, cancellationToken);
    }
}
