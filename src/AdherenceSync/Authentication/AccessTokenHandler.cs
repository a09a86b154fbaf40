using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Authentication;

/// <summary>
/// Adds the bearer token to every request of one named client. On a 401 it fetches a fresh token once and sends the
/// request once more, with a permit for it (the resend costs budget); a second 401 goes up to the caller, which halts.
/// </summary>
/// <param name="tokens">Where the client's tokens come from.</param>
/// <param name="resendPermit">Acquires the permit of a request sent once more after a token refresh; a lease that is not acquired means it is not sent again.</param>
/// <param name="logger">The client's logger.</param>
internal sealed class AccessTokenHandler(
    IAccessTokenSource tokens, Func<HttpRequestMessage, CancellationToken, ValueTask<RateLimitLease>> resendPermit, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !tokens.CanRefresh)
        {
            return response;
        }

        var fresh = await tokens.GetTokenAsync(token, cancellationToken).ConfigureAwait(false);
        using var lease = await resendPermit(request, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return response;
        }

        Log.TokenRefreshedAfter401(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty);
        response.Dispose();
        return await base.SendAsync(CopyWithToken(request, fresh), cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage CopyWithToken(HttpRequestMessage original, string token)
    {
        // A request message can be sent once; its buffered content can be sent again.
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Content = original.Content, Version = original.Version };
        foreach (var header in original.Headers.Where(h => h.Key != "Authorization"))
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in original.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        copy.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return copy;
    }
}
