using System.Net.Http.Headers;
using AdherenceSync.Authentication;
using AdherenceSync.Batching;
using AdherenceSync.Client;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Genesys;

/// <summary>
/// Writes one row: one POST per attempt through the row pipeline; when the platform answers with a job, polls it to its
/// end through the same pipeline; then one outcome.
/// </summary>
/// <remarks>
/// The queue loop waits for the confirmation before it sends the queue's next row. A job still processing is a write the
/// platform is still applying, and the platform serializes adherence changes: so within one queue the platform is never
/// given two writes at once, rows apply in input order, and at most one job per active queue is polled. Raise
/// <see cref="AdherenceSyncOptions.MaxParallelQueues"/> to keep throughput when the platform answers 202.
/// </remarks>
internal sealed partial class ExplanationWriter(HttpClient httpClient, ClientServices services)
{
    public async Task<RowResult> WriteAsync(int index, AdherenceRow row, PushRun run)
    {
        var attempt = new RowAttempt
        {
            Index = index,
            Row = row,
            Path = GenesysPaths.Explanations(row.AgentId),
            Body = ExplanationRequestBody.From(row).ToUtf8Json(),
            Run = run,
        };

        var outcome = await ExecuteAsync(attempt, isJobPoll: false, jobId: null).ConfigureAwait(false);
        if (outcome.Result is { IsSuccess: true })
        {
            services.RetryBudget.OnSuccess(attempt.RetryCostTaken);
        }

        if (outcome.Result is { IsSuccess: true } accepted && IsPending(accepted) && (accepted.Body?.Job?.Id) is { } jobId)
        {
            return await ConfirmJobAsync(attempt, jobId).ConfigureAwait(false);
        }

        return OutcomeClassifier.Classify(attempt, outcome, services.Options.Retry);
    }

    private static bool IsPending(AttemptResult accepted)
        => accepted.Body?.AdherenceExplanation is null
           && accepted.Body?.Job?.AdherenceExplanation is null
           && (accepted.StatusCode == 202 || accepted.Body?.Job?.Status == JobConstants.Processing);

    private async Task<Outcome<AttemptResult>> ExecuteAsync(RowAttempt attempt, bool isJobPoll, string? jobId)
    {
        var context = ResilienceContextPool.Shared.Get(attempt.Run.Stop);
        context.Properties.Set(ResilienceKeys.Row, attempt);
        context.Properties.Set(ResilienceKeys.Queue, attempt.Row.QueueId);
        try
        {
            return await services.RowPipeline.ExecuteOutcomeAsync(
                static (_, state) => state.Writer.SendAttemptAsync(state.Attempt, state.JobId),
                context,
                (Writer: this, Attempt: attempt, JobId: isJobPoll ? jobId : null)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<AttemptResult>> SendAttemptAsync(RowAttempt attempt, string? jobId)
    {
        try
        {
            var result = await services.AttemptPipeline.ExecuteAsync(
                static (state, token) => state.JobId is null ? state.Writer.SendWriteAsync(state.Attempt, token) : state.Writer.SendPollAsync(state.Attempt, state.JobId, token),
                (Writer: this, Attempt: attempt, JobId: jobId),
                attempt.Run.Abort).ConfigureAwait(false);

            attempt.LastResult = result;
            services.Pacing.OnAnswer(attempt.Row.QueueId, throttled: result.StatusCode == 429);
            if (RetryClassifier.IsAuthFailure(result.StatusCode))
            {
                // Halt now, before this attempt gives up its place: no other queue may send with refused credentials.
                attempt.Run.Halt(OutcomeClassifier.AuthFailureReason(result));
            }

            // On a 429 the Retry-After wins over whatever else the headers say.
            if (result.RateLimit is { } rateLimit && result.StatusCode != 429)
            {
                services.Pacing.OnRateLimitHeaders(rateLimit);
            }

            if (result.StatusCode == 429)
            {
                OnThrottled(attempt, result);
            }

            return Outcome.FromResult(result);
        }
        catch (Exception exception)
        {
            if (exception is AccessTokenException { CredentialsRejected: true } refused)
            {
                attempt.Run.Halt(refused.Message);
            }

            if (exception is AccessTokenException && jobId is null)
            {
                // Signing in failed inside the handler: this attempt never reached the API.
                attempt.Attempts--;
                attempt.InFlight = false;
            }

            attempt.LastException = exception;
            return Outcome.FromException<AttemptResult>(exception);
        }
    }

    private async ValueTask<AttemptResult> SendWriteAsync(RowAttempt attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, attempt.Path)
        {
            Content = new ReadOnlyMemoryContent(attempt.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } },
        };
        request.Options.Set(RequestKeys.Queue, attempt.Row.QueueId);

        // The push may have halted or been cancelled while this attempt waited for its permits.
        attempt.Run.Stop.ThrowIfCancellationRequested();
        attempt.Attempts++;
        attempt.InFlight = true;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        attempt.InFlight = false;
        return await ResponseReader.ReadAsync(response, services.TimeProvider.GetUtcNow(), isJobPoll: false, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AttemptResult> SendPollAsync(RowAttempt attempt, string jobId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GenesysPaths.Job(jobId));
        request.Options.Set(RequestKeys.Queue, attempt.Row.QueueId);

        attempt.Run.Stop.ThrowIfCancellationRequested();
        attempt.Polls++;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ResponseReader.ReadAsync(response, services.TimeProvider.GetUtcNow(), isJobPoll: true, cancellationToken).ConfigureAwait(false);
    }

    private void OnThrottled(RowAttempt attempt, AttemptResult result)
    {
        // With no usable Retry-After the budget is still known to be empty: hold it for one base delay.
        var pause = result.RetryAfter.Delay ?? services.Options.Retry.BaseDelay;
        services.Pacing.OnThrottled(pause);
        Log.Throttled(services.Logger, attempt.Index, attempt.Row.QueueId, result.RetryAfter.ToString(), pause, result.Error?.ToString() ?? "(no body)");
    }
}
