using System.Globalization;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Genesys;

/// <content>
/// A query answered as a job (<c>QueryAgentExplanations</c>): poll it through the row pipeline, as a write's job, until
/// it is <c>Complete</c>, then read the listing its <c>downloadUrl</c> serves, with the plain client (no bearer token
/// to another host), bounded in size and by the attempt timeout. A job that errors or never completes within
/// <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/> leaves the outcome unknown: the row is never written twice.
/// </content>
internal sealed partial class ExplanationWriter
{
    private async Task<Outcome<AttemptResult>> AwaitQueryJobAsync(RowAttempt attempt, AttemptResult pending)
    {
        var jobId = pending.QueryJobId!;
        var schedule = PollSchedule();
        var lastProblem = "it never answered";
        while (true)
        {
            try
            {
                if (!await schedule.WaitAsync(attempt.Run.Stop).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                return Unknown(pending, $"the push stopped while query job {jobId} was processing");
            }

            var poll = await ExecuteAsync(attempt, RequestKind.Poll, jobId).ConfigureAwait(false);
            if (poll.Result is not { IsSuccess: true, Job: { } job })
            {
                lastProblem = poll.Result?.Describe() ?? poll.Exception?.Message ?? "no answer";
                if (poll.Result is { StatusCode: 404 } || attempt.Run.Stop.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            Log.JobPolled(services.Logger, attempt.Index, jobId, job.Status ?? "(none)");
            if (job.Status == JobConstants.Error)
            {
                return Unknown(pending, $"query job {jobId} ended in Error: {job.Error?.ToString() ?? "(no message)"}");
            }

            if (job.Status == JobConstants.Complete)
            {
                return await ReadQueryJobListingAsync(attempt, pending, job).ConfigureAwait(false);
            }

            lastProblem = $"it was still {job.Status}";
        }

        return Unknown(pending, string.Create(CultureInfo.InvariantCulture, $"query job {jobId} did not complete within {schedule.Timeout.TotalSeconds:0.###} s ({lastProblem})"));
    }

    private async Task<Outcome<AttemptResult>> ReadQueryJobListingAsync(RowAttempt attempt, AttemptResult pending, ExplanationJob job)
    {
        if (!Uri.TryCreate(job.DownloadUrl, UriKind.Absolute, out var download))
        {
            return Unknown(pending, $"query job {job.Id} completed without a download link");
        }

        try
        {
            var listing = await services.AttemptPipeline.ExecuteAsync(
                static (state, token) => new ValueTask<ExplanationListing?>(state.Writer.DownloadAsync(state.Download, token)),
                (Writer: this, Download: download),
                attempt.Run.Stop).ConfigureAwait(false);
            return Outcome.FromResult(Match(pending, listing, attempt.Row));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return Unknown(pending, $"the listing of query job {job.Id} could not be read ({e.GetType().Name}: {e.Message})");
        }
    }

    private static Outcome<AttemptResult> Unknown(AttemptResult pending, string why)
        => Outcome.FromResult(pending.Settled(Reconciliation.Failed, null, why));
}
