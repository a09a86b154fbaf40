using System.Net.Http.Headers;
using System.Text.Json;

namespace AdherenceSync.Genesys;

/// <summary>
/// The platform's requests, each built, sent and read in one call: a row's write, a job's poll, a query of explanations
/// and the download of a listing. The one seam between a row's steps and the platform: a row's path enters this folder
/// once per request, and the token handler below the API's client signs it on the way.
/// </summary>
/// <param name="api">The typed client, with the token handler.</param>
/// <param name="plainHttp">A client without the bearer token, for a listing behind a download link on another host.</param>
/// <param name="time">The clock that dates each answer (for Retry-After dates and rate-limit resets).</param>
internal sealed class GenesysApi(HttpClient api, Func<HttpClient> plainHttp, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json", "utf-8");

    /// <summary>Writes an agent's explanation: the answer is read whole before it returns, since a write cut off mid-body may have landed.</summary>
    public async Task<ApiAnswer> WriteAsync(string agentId, string queue, ExplanationRequestBody body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, GenesysPaths.Explanations(agentId), queue);
        request.Content = new ByteArrayContent(body.ToUtf8Json()) { Headers = { ContentType = Json } };
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadAsync(response, time.GetUtcNow(), isJobPoll: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a job.</summary>
    public async Task<ApiAnswer> PollAsync(string jobId, string queue, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, GenesysPaths.Job(jobId), queue);
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadAsync(response, time.GetUtcNow(), isJobPoll: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for explanations: the listing inline, or its <see cref="ApiAnswer.ListingLink"/> to download.</summary>
    public async Task<ApiAnswer> QueryAsync(string path, ExplanationQuery query, string queue, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, path, queue);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(query, GenesysJsonContext.Default.ExplanationQuery)) { Headers = { ContentType = Json } };
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadQueryAsync(response, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a listing with the plain client, so that the bearer token never goes to another host.</summary>
    /// <returns>The download's status and the listing read; whether the status counts is the classifier's to say.</returns>
    public async Task<(int Status, ExplanationListing? Listing)> DownloadAsync(Uri link, CancellationToken cancellationToken)
    {
        using var response = await plainHttp().GetAsync(link, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadListingAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string queue)
    {
        var request = new HttpRequestMessage(method, path);
        request.Options.Set(RequestKeys.Queue, queue);
        return request;
    }
}
