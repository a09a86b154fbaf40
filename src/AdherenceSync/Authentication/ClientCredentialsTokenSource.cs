using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdherenceSync.Telemetry;
using Microsoft.Extensions.Logging;

namespace AdherenceSync.Authentication;

/// <summary>
/// Signs in with OAuth client credentials and caches the token until <c>expires_in</c> minus a margin. One refresh at a
/// time: concurrent callers that find the token expired wait for the same fetch.
/// </summary>
internal sealed class ClientCredentialsTokenSource(
    ClientCredentialsOptions options, Uri endpoint, Func<HttpClient> httpClient, TimeSpan requestTimeout, TimeProvider timeProvider, ILogger logger)
    : IAccessTokenSource, IDisposable
{
    private const int MaxBodyChars = 4096;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _current;

    public bool CanRefresh => true;

    /// <summary>Gets how many tokens were fetched; for diagnostics and tests.</summary>
    public int FetchCount { get; private set; }

    public async ValueTask<string> GetTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _current), rejected) is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(_current, rejected) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var fresh = await FetchAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            return fresh.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    public override string ToString() => $"client credentials of '{options.ClientId}' at {endpoint} (token hidden)";

    private string? Usable(CachedToken? token, string? rejected)
        => token is not null && token.Token != rejected && timeProvider.GetUtcNow() < token.RefreshAt ? token.Token : null;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(requestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));

        string body;
        int status;
        try
        {
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw new AccessTokenException($"Signing in at {endpoint} failed: {(e is OperationCanceledException ? $"no answer within {requestTimeout.TotalSeconds:0.###} s" : Hide(e.Message))}.", credentialsRejected: false, e);
        }

        var parsed = Parse(body);
        if (status is < 200 or >= 300 || string.IsNullOrEmpty(parsed?.AccessToken))
        {
            var detail = parsed?.Error is null ? Hide(Truncate(body)) : Hide($"{parsed.Error}{(parsed.ErrorDescription is null ? string.Empty : ": " + parsed.ErrorDescription)}");
            var rejected = status is 400 or 401 or 403;
            throw new AccessTokenException(
                rejected
                    ? $"The token endpoint {endpoint} refused the client credentials of client '{options.ClientId}' (HTTP {status} {detail})."
                    : status is >= 200 and < 300 && parsed is null && !string.IsNullOrWhiteSpace(body)
                        ? $"The token endpoint {endpoint} answered HTTP {status}, but the token answer is not JSON ({detail})."
                        : $"The token endpoint {endpoint} answered HTTP {status} without a token ({detail}).",
                rejected);
        }

        FetchCount++;
        var lifetime = TimeSpan.FromSeconds(Math.Max(0, parsed!.ExpiresIn ?? 0));
        var refreshAt = timeProvider.GetUtcNow() + lifetime - options.RefreshMargin;
        Log.TokenFetched(logger, options.ClientId ?? string.Empty, lifetime);
        return new CachedToken(parsed.AccessToken!, refreshAt);
    }

    private static TokenResponse? Parse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, TokenJsonContext.Default.TokenResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new string(buffer, 0, read);
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "..." : text;

    /// <summary>Keeps the secret out of anything built from text the server or the network stack returned.</summary>
    private string Hide(string text)
        => string.IsNullOrEmpty(options.ClientSecret) ? text : text.Replace(options.ClientSecret, "***", StringComparison.Ordinal);

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"token (hidden) until {RefreshAt:O}";
    }
}
