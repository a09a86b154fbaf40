using System.Diagnostics;
using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <summary>
/// Sends one request of a row: a permit (<see cref="RowPipelines.Permit"/>), then the request within the attempt
/// timeout (<see cref="RowPipelines.Attempt"/>), then what its answer means (<see cref="AnswerClassifier"/>), moved onto
/// the row (<see cref="RowAttempt"/>) and told to pacing. It also runs a row's steps through their retry
/// (<see cref="RunAsync{TStep}"/>).
/// </summary>
internal sealed class RowSender(RowTransport transport, RowPolicies policies, RowObservers observers)
{
    /// <summary>Gets the schedule of one job's polls, starting now.</summary>
    public JobPollSchedule PollSchedule() => new(transport.Time, policies.Options.JobConfirmationTimeout, policies.Options.JobPollDelay);

    /// <summary>One request of <paramref name="kind"/> for the row, through its permit.</summary>
    public ValueTask<Outcome<ApiAnswer>> SendAsync(RowAttempt state, RequestKind kind, string? jobId)
        => RunAsync(policies.Pipelines.Permit, state, kind, new Step(this, state, kind, jobId), static (_, s) => s.Sender.SendAttemptAsync(s.State, s.Kind, s.JobId));

    /// <summary>One poll of a job, retried as a request of its own.</summary>
    public ValueTask<Outcome<ApiAnswer>> PollAsync(RowAttempt state, string jobId) => RetriedAsync(state, RequestKind.Poll, jobId);

    /// <summary>One query of the platform for the row (or the lookup it carries), retried as a request of its own.</summary>
    public ValueTask<Outcome<ApiAnswer>> QueryAsync(RowAttempt state) => RetriedAsync(state, RequestKind.Query, jobId: null);

    /// <summary>Reads a listing behind a download link with the plain client, within the attempt timeout, on the push's stop token.</summary>
    public ValueTask<ExplanationListing?> DownloadWithinTimeoutAsync(Uri download, RowAttempt state)
        => policies.Pipelines.Attempt.ExecuteAsync(
            static (s, token) => new ValueTask<ExplanationListing?>(s.Sender.DownloadAsync(s.Download, token)),
            (Sender: this, Download: download),
            state.Run.Stop);

    /// <summary>
    /// Runs one step of the row through <paramref name="pipeline"/>, on the push's stop token, with the row, its queue and
    /// the kind of request in the context that the retry and the permit read.
    /// </summary>
    public async ValueTask<Outcome<ApiAnswer>> RunAsync<TStep>(
        ResiliencePipeline<ApiAnswer> pipeline, RowAttempt state, RequestKind kind, TStep step, Func<ResilienceContext, TStep, ValueTask<Outcome<ApiAnswer>>> callback)
    {
        var context = ResilienceContextPool.Shared.Get(state.Run.Stop);
        context.Properties.Set(RowContextKeys.Row, state);
        context.Properties.Set(RowContextKeys.Queue, state.Row.QueueId);
        context.Properties.Set(RowContextKeys.Kind, kind);
        try
        {
            return await pipeline.ExecuteOutcomeAsync(callback, context, step).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A poll or a query, through the retry of requests (<see cref="RowPipelines.Request"/>).</summary>
    private ValueTask<Outcome<ApiAnswer>> RetriedAsync(RowAttempt state, RequestKind kind, string? jobId)
        => RunAsync(policies.Pipelines.Request, state, kind, new Step(this, state, kind, jobId), static (_, s) => s.Sender.SendAsync(s.State, s.Kind, s.JobId));

    private async ValueTask<Outcome<ApiAnswer>> SendAttemptAsync(RowAttempt state, RequestKind kind, string? jobId)
    {
        using var activity = AdherenceSyncActivity.Source.StartActivity(TelemetryNames.RequestSpan, ActivityKind.Client);
        activity?.SetTag(TelemetryNames.EndpointTag, kind.Endpoint());
        activity?.SetTag(TelemetryNames.QueueTag, state.Row.QueueId);
        activity?.SetTag(TelemetryNames.RowTag, state.Index);
        activity?.SetTag(TelemetryNames.AttemptTag, kind == RequestKind.Write ? state.Writes + 1 : null);
        ApiAnswer answer;
        try
        {
            answer = await policies.Pipelines.Attempt.ExecuteAsync(
                static (s, token) => s.Kind switch
                {
                    RequestKind.Poll => s.Sender.SendPollAsync(s.State, s.JobId!, token),
                    RequestKind.Query => s.Sender.SendQueryAsync(s.State, token),
                    _ => s.Sender.SendWriteAsync(s.State, token),
                },
                new Step(this, state, kind, jobId),
                state.Run.Abort).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            activity?.SetTag(TelemetryNames.ErrorTypeTag, exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            OnException(state, kind, exception);
            return Outcome.FromException<ApiAnswer>(exception);
        }

        // Outside the try: a failure while the answer is taken in is not the request's (see OutcomeClassifier).
        OnAnswer(state, kind, answer);
        activity?.SetTag(TelemetryNames.StatusCodeTag, answer.StatusCode);
        if (!AnswerClassifier.IsSuccess(answer.StatusCode))
        {
            activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {answer.StatusCode}");
        }

        return Outcome.FromResult(answer);
    }

    /// <summary>Takes an answer in: the row's move first, then the halt and pacing, and only then logs and metrics.</summary>
    private void OnAnswer(RowAttempt state, RequestKind kind, ApiAnswer answer)
    {
        var meaning = AnswerClassifier.Classify(kind, Outcome.FromResult(answer), inFlight: false, policies.Options.Retry.MaxRetryAfter);
        if (kind == RequestKind.Write)
        {
            state.WriteAnswered(answer, meaning);
        }
        else
        {
            state.Heard(kind, answer, meaning);
        }

        // Halt now, before this request gives up its place: no other queue may send with refused credentials.
        state.Run.Halt(PushHalt.From(meaning));

        var said = meaning.Signals!.Value;
        var told = new Pacing.ServerAnswer(
            state.Row.QueueId, meaning.Throttled, state.PermitAt, transport.Time.GetTimestamp(), said.RateLimit, said.RetryAfter, said.LimitKey, state.PermitGrant);
        if (policies.Pacing.OnAnswer(told) is { } throttled)
        {
            state.Run.OnThrottled(throttled.Unexplained);
            if (throttled.Unexplained)
            {
                observers.Telemetry.Unexplained(kind.Endpoint());
            }

            Log.Throttled(observers.Logger, state.Index, state.Row.QueueId, answer.RetryAfter.ToString(), throttled.Scope == Pacing.ThrottleScope.Queue ? "queue's" : "client's",
                throttled.Pause, throttled.Evidence, answer.Error?.ToString() ?? "(no body)");
        }

        Log.Answered(observers.Logger, state.Index, state.Row.QueueId, kind.ToString(), answer.StatusCode);
        observers.Telemetry.Answer(kind.Endpoint(), answer.StatusCode);
    }

    /// <summary>Takes a request's failure in: the row's move and the halt first, then logs and metrics.</summary>
    private void OnException(RowAttempt state, RequestKind kind, Exception exception)
    {
        var meaning = AnswerClassifier.Classify(kind, Outcome.FromException<ApiAnswer>(exception), state.Unanswered, policies.Options.Retry.MaxRetryAfter);
        if (kind == RequestKind.Write)
        {
            state.WriteFailed(exception, meaning);
        }
        else
        {
            state.RequestFailed(exception);
        }

        state.Run.Halt(PushHalt.From(meaning));
        Log.RequestFailed(observers.Logger, state.Index, state.Row.QueueId, kind.ToString(), $"{exception.GetType().Name}: {exception.Message}");
        observers.Telemetry.Failure(kind.Endpoint());
    }

    private async ValueTask<ApiAnswer> SendWriteAsync(RowAttempt state, CancellationToken cancellationToken)
    {
        // The push may have halted or been cancelled while this request waited for its permit.
        state.Run.Stop.ThrowIfCancellationRequested();
        if (state.Writes == 0 && state.Run.Checkpoint is { } checkpoint)
        {
            // Durably, before anything is sent: after a crash, this row will be checked before it is written again. A store
            // that cannot record it halts the push: the row is not sent.
            try
            {
                await checkpoint.RecordAsync(new CheckpointEntry(Checkpoints.CheckpointView.KeyOf(state.Key), CheckpointState.Started) { Target = transport.CheckpointTarget }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                state.Run.Halt(PushHalt.Checkpoint(exception));
                throw;
            }
        }

        state.BeginWrite();
        try
        {
            // Still in flight until the body is read: an answer cut off mid-body leaves the write's fate unknown.
            return await transport.Api.WriteAsync(state.Row.AgentId, state.Row.QueueId, state.Row.ToRequestBody(), cancellationToken).ConfigureAwait(false);
        }
        catch (AccessTokenException)
        {
            // Signing in failed inside the token handler: this write never left, and does not count.
            state.WriteNotSent();
            throw;
        }
        catch
        {
            // It left: a timeout or a broken connection may still have applied it.
            state.WriteLost();
            throw;
        }
    }

    private async ValueTask<ApiAnswer> SendPollAsync(RowAttempt state, string jobId, CancellationToken cancellationToken)
    {
        state.Run.Stop.ThrowIfCancellationRequested();
        state.Sent(RequestKind.Poll);
        return await transport.Api.PollAsync(jobId, state.Row.QueueId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks for the agent's explanations around the row's start (or the lookup the row carries). A listing comes inline or
    /// behind a download link, fetched with the plain client.
    /// </summary>
    private async ValueTask<ApiAnswer> SendQueryAsync(RowAttempt state, CancellationToken cancellationToken)
    {
        var (path, query) = state.Lookup ?? RowRequests.Query(state.Row);
        state.Run.Stop.ThrowIfCancellationRequested();
        state.Sent(RequestKind.Query);
        var answer = await transport.Api.QueryAsync(path, query, state.Row.QueueId, cancellationToken).ConfigureAwait(false);
        return answer.ListingLink is { } link
            ? answer.WithListing(await DownloadAsync(link, cancellationToken).ConfigureAwait(false))
            : answer;
    }

    private async Task<ExplanationListing?> DownloadAsync(Uri download, CancellationToken cancellationToken)
    {
        var (status, listing) = await transport.Api.DownloadAsync(download, cancellationToken).ConfigureAwait(false);
        return AnswerClassifier.ListingOf(status, listing);
    }

    /// <summary>What a request's callback needs.</summary>
    private readonly record struct Step(RowSender Sender, RowAttempt State, RequestKind Kind, string? JobId);
}
