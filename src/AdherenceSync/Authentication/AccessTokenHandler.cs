using System.Net;
using System.Net.Http.Headers;
using AdherenceSync.Client;
using AdherenceSync.Telemetry;

namespace AdherenceSync.Authentication;

/// <summary>
/// Adds the bearer token to every request of one named client. On a 401 it fetches a fresh token once and sends the
/// request once more (acquiring a permit for it, since it costs budget); a second 401 goes up to the pipeline, which halts.
/// </summary>
internal sealed class AccessTokenHandler(ClientServices services) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tokens = services.Tokens;
        var token = await tokens.GetTokenAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !tokens.CanRefresh)
        {
            return response;
        }

        var fresh = await tokens.GetTokenAsync(token, cancellationToken).ConfigureAwait(false);
        request.Options.TryGetValue(RequestKeys.Queue, out var queue);
        using var lease = await services.Pacing.Limiter.AcquireAsync(new Pacing.PacingKey(queue ?? string.Empty, Pacing.SendClass.Resend), 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return response;
        }

        Log.TokenRefreshedAfter401(services.Logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty);
        response.Dispose();
        return await base.SendAsync(Resend(request, fresh), cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Resend(HttpRequestMessage original, string token)
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
