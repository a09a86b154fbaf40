using System.Diagnostics;
using AdherenceSync.Authentication;
using AdherenceSync.Batching;
using AdherenceSync.Client;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Genesys;

/// <summary>
/// Writes one row: one POST per attempt through the row pipeline; when the platform answers with a job, polls it to its
/// end through the same pipeline; when an attempt's outcome is ambiguous, asks the platform before writing again; then
/// one outcome.
/// </summary>
/// <remarks>
/// The queue loop waits for the confirmation before it sends the queue's next row. A job still processing is a write the
/// platform is still applying, and the platform serializes adherence changes: so within one queue the platform is never
/// given two writes at once, rows apply in input order, and at most one job per active queue is polled. Raise
/// <see cref="AdherenceSyncOptions.MaxParallelQueues"/> to keep throughput when the platform answers 202.
/// </remarks>
internal sealed partial class ExplanationWriter(HttpClient httpClient, ClientServices services)
{
    /// <param name="index">The row's position in the input.</param>
    /// <param name="row">The row.</param>
    /// <param name="run">The push.</param>
    /// <param name="startedEarlier">An earlier run started this row and did not see it through: ask before writing.</param>
    public async Task<RowResult> WriteAsync(int index, AdherenceRow row, PushRun run, bool startedEarlier = false)
    {
        var attempt = new RowAttempt
        {
            Index = index,
            Row = row,
            Path = GenesysPaths.Explanations(row.AgentId),
            Body = ExplanationRequestBody.From(row).ToUtf8Json(),
            Run = run,
            NeedsReconciliation = startedEarlier,
            LastWriteError = startedEarlier ? "an earlier run was interrupted after it started this row" : null,
        };

        var outcome = await ExecuteAsync(attempt, RequestKind.Write, jobId: null).ConfigureAwait(false);
        while (outcome.Result is { Reconciliation: Reconciliation.Pending } pending && !run.Stop.IsCancellationRequested)
        {
            // The query after an ambiguous write was answered as a job: wait for its listing before writing again.
            outcome = await AwaitQueryJobAsync(attempt, pending).ConfigureAwait(false);
            if (outcome.Result is { Reconciliation: Reconciliation.NotFound } && attempt.Attempts < services.Options.Retry.MaxAttempts && !run.IsHalted)
            {
                attempt.NeedsReconciliation = false;
                outcome = await ExecuteAsync(attempt, RequestKind.Write, jobId: null).ConfigureAwait(false);
            }
        }

        if (attempt.NeedsReconciliation && !run.IsCancelled)
        {
            // Attempts are spent (or no retry was due) and the last write may have landed: look before reporting.
            return await SettleAmbiguousAsync(attempt, outcome).ConfigureAwait(false);
        }

        if (outcome.Result is { IsSuccess: true })
        {
            services.RetryBudget.OnSuccess(attempt.RetryCostTaken);
        }

        if (outcome.Result is { IsSuccess: true, IsPending: true, Reconciliation: Reconciliation.None } accepted && (accepted.Body?.Job?.Id) is { } jobId)
        {
            return await ConfirmJobAsync(attempt, jobId).ConfigureAwait(false);
        }

        return OutcomeClassifier.Classify(attempt, outcome, services.Options.Retry);
    }

    private async Task<Outcome<AttemptResult>> ExecuteAsync(RowAttempt attempt, RequestKind kind, string? jobId)
    {
        var context = ResilienceContextPool.Shared.Get(attempt.Run.Stop);
        context.Properties.Set(ResilienceKeys.Row, attempt);
        context.Properties.Set(ResilienceKeys.Queue, attempt.Row.QueueId);
        context.Properties.Set(ResilienceKeys.Kind, kind);
        try
        {
            return await services.RowPipeline.ExecuteOutcomeAsync(
                static (_, state) => state.Writer.SendAttemptAsync(state.Attempt, state.Kind, state.JobId),
                context,
                (Writer: this, Attempt: attempt, Kind: kind, JobId: jobId)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<AttemptResult>> SendAttemptAsync(RowAttempt attempt, RequestKind kind, string? jobId)
    {
        // After an ambiguous write, the next attempt asks the platform instead of writing blindly.
        var request = kind == RequestKind.Write && attempt.NeedsReconciliation ? RequestKind.Query : kind;
        using var activity = AdherenceSyncActivity.Source.StartActivity(TelemetryNames.RequestSpan, ActivityKind.Client);
        activity?.SetTag(TelemetryNames.EndpointTag, ClientTelemetry.Endpoint(request));
        activity?.SetTag(TelemetryNames.QueueTag, attempt.Row.QueueId);
        activity?.SetTag(TelemetryNames.RowTag, attempt.Index);
        activity?.SetTag(TelemetryNames.AttemptTag, request == RequestKind.Write ? attempt.Attempts + 1 : null);
        try
        {
            var result = await services.AttemptPipeline.ExecuteAsync(
                static (state, token) => state.Request switch
                {
                    RequestKind.Poll => state.Writer.SendPollAsync(state.Attempt, state.JobId!, token),
                    RequestKind.Query => state.Writer.SendQueryAsync(state.Attempt, token),
                    _ => state.Writer.SendWriteAsync(state.Attempt, token),
                },
                (Writer: this, Attempt: attempt, Request: request, JobId: jobId),
                attempt.Run.Abort).ConfigureAwait(false);

            OnResult(attempt, request, result);
            activity?.SetTag(TelemetryNames.StatusCodeTag, result.StatusCode);
            if (!result.IsSuccess)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {result.StatusCode}");
            }

            return Outcome.FromResult(result);
        }
        catch (Exception exception)
        {
            activity?.SetTag(TelemetryNames.ErrorTypeTag, exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            OnException(attempt, request, exception);
            return Outcome.FromException<AttemptResult>(exception);
        }
    }

    private void OnResult(RowAttempt attempt, RequestKind request, AttemptResult result)
    {
        Log.Answered(services.Logger, attempt.Index, attempt.Row.QueueId, request.ToString(), result.StatusCode);
        services.Telemetry.Answer(request, result.StatusCode);
        attempt.LastResult = result;
        if (request != RequestKind.Query)
        {
            attempt.LastOwnStatus = result.StatusCode;
        }

        if (RetryClassifier.IsAuthFailure(result.StatusCode))
        {
            // Halt now, before this attempt gives up its place: no other queue may send with refused credentials.
            attempt.Run.Halt(OutcomeClassifier.AuthFailureReason(result));
        }

        var answer = new Pacing.ServerAnswer(
            attempt.Row.QueueId, result.StatusCode, attempt.PermitAt, services.TimeProvider.GetTimestamp(), result.RateLimit, result.RetryAfter.Delay, result.Error?.Limit?.Key, attempt.PermitGrant);
        if (services.Pacing.OnAnswer(answer) is { } throttled)
        {
            Log.Throttled(services.Logger, attempt.Index, attempt.Row.QueueId, result.RetryAfter.ToString(), throttled.Scope == Pacing.ThrottleScope.Queue ? "queue's" : "client's",
                throttled.Pause, throttled.Evidence, result.Error?.ToString() ?? "(no body)");
        }

        if (request == RequestKind.Write)
        {
            attempt.NeedsReconciliation = RetryClassifier.IsAmbiguous(result, null, inFlight: false);
            attempt.LastWriteError = result.IsSuccess ? null : result.Describe();
        }
        else if (request == RequestKind.Query && result.Reconciliation is not (Reconciliation.None or Reconciliation.Pending))
        {
            attempt.NeedsReconciliation = false;
        }
    }

    private void OnException(RowAttempt attempt, RequestKind request, Exception exception)
    {
        Log.RequestFailed(services.Logger, attempt.Index, attempt.Row.QueueId, request.ToString(), $"{exception.GetType().Name}: {exception.Message}");
        services.Telemetry.Failure(request);
        if (exception is AccessTokenException { CredentialsRejected: true } refused)
        {
            attempt.Run.Halt(refused.Message);
        }

        if (request == RequestKind.Write)
        {
            if (exception is AccessTokenException)
            {
                // Signing in failed inside the handler: this attempt never reached the API.
                attempt.Attempts--;
                attempt.InFlight = false;
            }

            attempt.NeedsReconciliation = RetryClassifier.IsAmbiguous(null, exception, attempt.InFlight) && !attempt.Run.IsCancelled;
            attempt.LastWriteError = $"{exception.GetType().Name}: {exception.Message}";
        }

        attempt.LastException = exception;
    }
}
