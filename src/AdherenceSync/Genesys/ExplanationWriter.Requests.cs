using System.Net.Http.Headers;
using System.Text.Json;
using AdherenceSync.Client;
using AdherenceSync.Resilience;

namespace AdherenceSync.Genesys;

/// <content>The three requests a row can make: the write, a job poll, and a query for its explanation.</content>
internal sealed partial class ExplanationWriter
{
    private async ValueTask<AttemptResult> SendWriteAsync(RowAttempt attempt, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, attempt.Path, attempt);
        request.Content = new ReadOnlyMemoryContent(attempt.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } };

        // The push may have halted or been cancelled while this attempt waited for its permits.
        attempt.Run.Stop.ThrowIfCancellationRequested();
        if (attempt.Attempts == 0 && attempt.Run.Checkpoint is { } checkpoint)
        {
            // Durably, before anything is sent: after a crash, this row will be checked before it is written again.
            await checkpoint.RecordAsync(new CheckpointEntry(Checkpoints.CheckpointView.KeyOf(attempt.Row), CheckpointState.Started) { Target = services.CheckpointTarget }, cancellationToken).ConfigureAwait(false);
        }

        attempt.Attempts++;
        attempt.InFlight = true;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        // Still in flight until the body is read: an answer cut off mid-body leaves the write's fate unknown.
        var result = await ResponseReader.ReadAsync(response, services.TimeProvider.GetUtcNow(), isJobPoll: false, cancellationToken).ConfigureAwait(false);
        attempt.InFlight = false;
        return result;
    }

    private async ValueTask<AttemptResult> SendPollAsync(RowAttempt attempt, string jobId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, GenesysPaths.Job(jobId), attempt);
        attempt.Run.Stop.ThrowIfCancellationRequested();
        attempt.Polls++;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadAsync(response, services.TimeProvider.GetUtcNow(), isJobPoll: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks for the agent's explanations around the row's start. A listing comes inline or behind a download link; the
    /// link is fetched with the plain client, so the bearer token never goes to another host.
    /// </summary>
    private async ValueTask<AttemptResult> SendQueryAsync(RowAttempt attempt, CancellationToken cancellationToken)
    {
        var row = attempt.Row;
        var (path, query) = attempt.Lookup ?? (GenesysPaths.Query(row.AgentId), new ExplanationQuery
        {
            StartDate = ExplanationRequestBody.FormatDate(row.StartDate.AddMinutes(-1)),
            EndDate = ExplanationRequestBody.FormatDate(row.StartDate.AddMinutes(row.LengthMinutes)),
        });
        using var request = Request(HttpMethod.Post, path, attempt);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(query, GenesysJsonContext.Default.ExplanationQuery))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") },
        };

        attempt.Run.Stop.ThrowIfCancellationRequested();
        attempt.Queries++;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var answer = await ResponseReader.ReadQueryAsync(response, services.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Attempt;
        }

        var listing = result.Result;
        var downloadUrl = result.DownloadUrl ?? (result.Job is { Status: JobConstants.Complete } complete ? complete.DownloadUrl : null);
        if (listing is null && downloadUrl is null && result.Job is { Id: { } jobId, Status: JobConstants.Processing })
        {
            // Answered as a query job: its listing comes once it is complete (see AwaitQueryJobAsync).
            return answer.Attempt.Settled(Reconciliation.Pending, null, null, jobId);
        }

        if (listing is null && Uri.TryCreate(downloadUrl, UriKind.Absolute, out var download))
        {
            listing = await DownloadAsync(download, cancellationToken).ConfigureAwait(false);
        }

        return Match(answer.Attempt, listing, row);
    }

    /// <summary>What a listing says about the row: found (with the explanation), not found, or no listing at all.</summary>
    private static AttemptResult Match(AttemptResult answer, ExplanationListing? listing, AdherenceRow row)
        => listing?.Entities is not { } entities
            ? answer.Settled(Reconciliation.Failed, null, "the query answered without a listing")
            : entities.FirstOrDefault(e => Matches(e, row)) is { } found
                ? answer.Settled(Reconciliation.Found, found, null, listing: listing)
                : answer.Settled(Reconciliation.NotFound, null, null, listing: listing);

    private async Task<ExplanationListing?> DownloadAsync(Uri download, CancellationToken cancellationToken)
    {
        using var response = await services.PlainHttpClient().GetAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await ResponseReader.ReadListingAsync(response.Content, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private static bool Matches(AdherenceExplanation explanation, AdherenceRow row)
        => (explanation.Agent?.Id is not { } agent || agent == row.AgentId)
           && explanation.LengthMinutes == row.LengthMinutes
           && string.Equals(explanation.Type, row.Type, StringComparison.OrdinalIgnoreCase)
           && DateTimeOffset.TryParse(explanation.StartDate, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
           && start.UtcTicks / TimeSpan.TicksPerMillisecond == row.StartDate.UtcTicks / TimeSpan.TicksPerMillisecond;

    private static HttpRequestMessage Request(HttpMethod method, string path, RowAttempt attempt)
    {
        var request = new HttpRequestMessage(method, path);
        request.Options.Set(RequestKeys.Queue, attempt.Row.QueueId);
        return request;
    }
}
