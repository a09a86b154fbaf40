using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <content>
/// Sending one request of a row: a permit (<see cref="RowPipelines.Permit"/>), then the request within the attempt
/// timeout (<see cref="RowPipelines.Attempt"/>), then what its answer says, recorded on the row and told to pacing.
/// </content>
internal sealed partial class RowWriter
{
    private ValueTask<Outcome<ApiAnswer>> SendAsync(RowState state, RequestKind kind, string? jobId)
        => RunAsync(pipelines.Permit, state, kind, jobId, static (_, s) => s.Writer.SendAttemptAsync(s.State, s.Kind, s.JobId));

    private async ValueTask<Outcome<ApiAnswer>> SendAttemptAsync(RowState state, RequestKind kind, string? jobId)
    {
        using var activity = AdherenceSyncActivity.Source.StartActivity(TelemetryNames.RequestSpan, ActivityKind.Client);
        activity?.SetTag(TelemetryNames.EndpointTag, kind.Endpoint());
        activity?.SetTag(TelemetryNames.QueueTag, state.Row.QueueId);
        activity?.SetTag(TelemetryNames.RowTag, state.Index);
        activity?.SetTag(TelemetryNames.AttemptTag, kind == RequestKind.Write ? state.Writes + 1 : null);
        try
        {
            var answer = await pipelines.Attempt.ExecuteAsync(
                static (s, token) => s.Kind switch
                {
                    RequestKind.Poll => s.Writer.SendPollAsync(s.State, s.JobId!, token),
                    RequestKind.Query => s.Writer.SendQueryAsync(s.State, token),
                    _ => s.Writer.SendWriteAsync(s.State, token),
                },
                (Writer: this, State: state, Kind: kind, JobId: jobId),
                state.Run.Abort).ConfigureAwait(false);

            OnAnswer(state, kind, answer);
            activity?.SetTag(TelemetryNames.StatusCodeTag, answer.StatusCode);
            if (!answer.IsSuccess)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {answer.StatusCode}");
            }

            return Outcome.FromResult(answer);
        }
        catch (Exception exception)
        {
            activity?.SetTag(TelemetryNames.ErrorTypeTag, exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            OnException(state, kind, exception);
            return Outcome.FromException<ApiAnswer>(exception);
        }
    }

    private void OnAnswer(RowState state, RequestKind kind, ApiAnswer answer)
    {
        Log.Answered(logger, state.Index, state.Row.QueueId, kind.ToString(), answer.StatusCode);
        telemetry.Answer(kind.Endpoint(), answer.StatusCode);
        state.LastAnswer = answer;
        if (kind != RequestKind.Query)
        {
            state.LastOwnStatus = answer.StatusCode;
        }

        var meaning = AnswerClassifier.Classify(kind, Outcome.FromResult(answer), inFlight: false, options.Retry.MaxRetryAfter);
        // Halt now, before this request gives up its place: no other queue may send with refused credentials.
        state.Run.Halt(PushHalt.From(meaning));

        var told = new Pacing.ServerAnswer(
            state.Row.QueueId, meaning.Throttled, state.PermitAt, timeProvider.GetTimestamp(), answer.RateLimit, answer.RetryAfter.Delay, answer.Error?.Limit?.Key, state.PermitGrant);
        if (pacing.OnAnswer(told) is { } throttled)
        {
            state.Run.OnThrottled(throttled.Unexplained);
            if (throttled.Unexplained)
            {
                telemetry.Unexplained(kind.Endpoint());
            }

            Log.Throttled(logger, state.Index, state.Row.QueueId, answer.RetryAfter.ToString(), throttled.Scope == Pacing.ThrottleScope.Queue ? "queue's" : "client's",
                throttled.Pause, throttled.Evidence, answer.Error?.ToString() ?? "(no body)");
        }

        if (kind == RequestKind.Write)
        {
            state.InDoubt = meaning.MayHaveApplied;
            state.LastWriteError = meaning.IsAccepted ? null : answer.Describe();
        }
    }

    private void OnException(RowState state, RequestKind kind, Exception exception)
    {
        Log.RequestFailed(logger, state.Index, state.Row.QueueId, kind.ToString(), $"{exception.GetType().Name}: {exception.Message}");
        telemetry.Failure(kind.Endpoint());
        var meaning = AnswerClassifier.Classify(kind, Outcome.FromException<ApiAnswer>(exception), state.InFlight, options.Retry.MaxRetryAfter);
        state.Run.Halt(PushHalt.From(meaning));

        if (kind == RequestKind.Write)
        {
            state.InDoubt = meaning.MayHaveApplied && !state.Run.IsCancelled;
            state.LastWriteError = $"{exception.GetType().Name}: {exception.Message}";
        }

        state.LastException = exception;
    }

    private async ValueTask<ApiAnswer> SendWriteAsync(RowState state, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, state.Path, state);
        request.Content = new ReadOnlyMemoryContent(state.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } };

        // The push may have halted or been cancelled while this request waited for its permit.
        state.Run.Stop.ThrowIfCancellationRequested();
        if (state.Writes == 0 && state.Run.Checkpoint is { } checkpoint)
        {
            // Durably, before anything is sent: after a crash, this row will be checked before it is written again.
            await checkpoint.RecordAsync(new CheckpointEntry(Checkpoints.CheckpointView.KeyOf(state.Row), CheckpointState.Started) { Target = checkpointTarget }, cancellationToken).ConfigureAwait(false);
        }

        state.InFlight = true;
        ApiAnswer answer;
        try
        {
            using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

            // Still in flight until the body is read: an answer cut off mid-body leaves the write's fate unknown.
            answer = await ResponseReader.ReadAsync(response, timeProvider.GetUtcNow(), isJobPoll: false, cancellationToken).ConfigureAwait(false);
        }
        catch (AccessTokenException)
        {
            // Signing in failed inside the token handler: this write never left, and does not count.
            state.InFlight = false;
            throw;
        }
        catch
        {
            // It left: a timeout or a broken connection may still have applied it.
            state.Writes++;
            throw;
        }

        state.Writes++;
        state.InFlight = false;
        return answer;
    }

    private async ValueTask<ApiAnswer> SendPollAsync(RowState state, string jobId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, GenesysPaths.Job(jobId), state);
        state.Run.Stop.ThrowIfCancellationRequested();
        state.Polls++;
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadAsync(response, timeProvider.GetUtcNow(), isJobPoll: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks for the agent's explanations around the row's start. A listing comes inline or behind a download link; the
    /// link is fetched with the plain client, so the bearer token never goes to another host.
    /// </summary>
    private async ValueTask<ApiAnswer> SendQueryAsync(RowState state, CancellationToken cancellationToken)
    {
        var (path, query) = state.Lookup ?? RowRequests.Query(state.Row);
        using var request = Request(HttpMethod.Post, path, state);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(query, GenesysJsonContext.Default.ExplanationQuery))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") },
        };

        state.Run.Stop.ThrowIfCancellationRequested();
        state.Queries++;
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var answer = await ResponseReader.ReadQueryAsync(response, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return answer.ListingLink is { } link
            ? answer.WithListing(await DownloadAsync(link, cancellationToken).ConfigureAwait(false))
            : answer;
    }

    private async Task<ExplanationListing?> DownloadAsync(Uri download, CancellationToken cancellationToken)
    {
        using var response = await plainHttp().GetAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await ResponseReader.ReadListingAsync(response.Content, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, RowState state)
    {
        var request = new HttpRequestMessage(method, path);
        request.Options.Set(RequestKeys.Queue, state.Row.QueueId);
        return request;
    }
}
