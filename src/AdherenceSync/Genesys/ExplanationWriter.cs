using System.Net.Http.Headers;
using AdherenceSync.Batching;
using AdherenceSync.Client;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Genesys;

/// <summary>
/// Writes one row: one POST per attempt through the row pipeline, then one outcome.
/// </summary>
internal sealed class ExplanationWriter(HttpClient httpClient, ClientServices services)
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

        var context = ResilienceContextPool.Shared.Get(run.Stop);
        context.Properties.Set(ResilienceKeys.Row, attempt);
        context.Properties.Set(ResilienceKeys.Queue, row.QueueId);
        try
        {
            var outcome = await services.RowPipeline.ExecuteOutcomeAsync(
                static (ctx, state) => state.Writer.SendAttemptAsync(state.Attempt),
                context,
                (Writer: this, Attempt: attempt)).ConfigureAwait(false);
            return OutcomeClassifier.Classify(attempt, outcome, services.Options.Retry);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<AttemptResult>> SendAttemptAsync(RowAttempt attempt)
    {
        try
        {
            var result = await services.AttemptPipeline.ExecuteAsync(
                static (state, token) => state.Writer.SendOnceAsync(state.Attempt, token),
                (Writer: this, Attempt: attempt),
                attempt.Run.Abort).ConfigureAwait(false);

            attempt.LastResult = result;
            if (result.StatusCode == 429)
            {
                OnThrottled(attempt, result);
            }

            return Outcome.FromResult(result);
        }
        catch (Exception exception)
        {
            attempt.LastException = exception;
            return Outcome.FromException<AttemptResult>(exception);
        }
    }

    private async ValueTask<AttemptResult> SendOnceAsync(RowAttempt attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, attempt.Path)
        {
            Content = new ReadOnlyMemoryContent(attempt.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } },
        };

        attempt.Attempts++;
        attempt.InFlight = true;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        attempt.InFlight = false;
        return await ResponseReader.ReadAsync(response, services.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private void OnThrottled(RowAttempt attempt, AttemptResult result)
    {
        // With no usable Retry-After the budget is still known to be empty: hold it for one base delay.
        var pause = result.RetryAfter.Delay ?? services.Options.Retry.BaseDelay;
        services.Pacing.OnThrottled(pause);
        Log.Throttled(services.Logger, attempt.Index, attempt.Row.QueueId, result.RetryAfter.ToString(), pause, result.Error?.ToString() ?? "(no body)");
    }
}
