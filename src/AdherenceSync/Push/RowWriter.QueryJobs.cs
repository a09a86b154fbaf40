using System.Globalization;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;

namespace AdherenceSync.Push;

/// <content>
/// A query answered as a job (<c>QueryAgentExplanations</c>): poll it, as a write's job, until it is <c>Complete</c>,
/// then read the listing its <c>downloadUrl</c> serves, with the plain client (no bearer token to another host), bounded
/// in size and by the attempt timeout. A job that errors or never completes within
/// <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/> leaves the outcome unknown: the row is never written twice.
/// </content>
internal sealed partial class RowWriter
{
    private async Task<CheckResult> AwaitQueryJobAsync(RowState state, string jobId)
    {
        var schedule = PollSchedule();
        var lastProblem = "it never answered";
        while (true)
        {
            try
            {
                if (!await schedule.WaitAsync(state.Run.Stop).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                return CheckResult.Failed($"the push stopped while query job {jobId} was processing");
            }

            var poll = await PollAsync(state, jobId).ConfigureAwait(false);
            if (poll.Result is not { IsSuccess: true, Job: { } job })
            {
                lastProblem = poll.Result?.Describe() ?? poll.Exception?.Message ?? "no answer";
                if (poll.Result is { StatusCode: 404 } || state.Run.Stop.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            Log.JobPolled(logger, state.Index, jobId, job.Status ?? "(none)");
            if (job.Status == JobConstants.Error)
            {
                return CheckResult.Failed($"query job {jobId} ended in Error: {job.Error?.ToString() ?? "(no message)"}");
            }

            if (job.Status == JobConstants.Complete)
            {
                return await ReadQueryJobListingAsync(state, job).ConfigureAwait(false);
            }

            lastProblem = $"it was still {job.Status}";
        }

        return CheckResult.Failed(string.Create(CultureInfo.InvariantCulture, $"query job {jobId} did not complete within {schedule.Timeout.TotalSeconds:0.###} s ({lastProblem})"));
    }

    private async Task<CheckResult> ReadQueryJobListingAsync(RowState state, ExplanationJob job)
    {
        if (!Uri.TryCreate(job.DownloadUrl, UriKind.Absolute, out var download))
        {
            return CheckResult.Failed($"query job {job.Id} completed without a download link");
        }

        try
        {
            var listing = await pipelines.Attempt.ExecuteAsync(
                static (s, token) => new ValueTask<ExplanationListing?>(s.Writer.DownloadAsync(s.Download, token)),
                (Writer: this, Download: download),
                state.Run.Stop).ConfigureAwait(false);
            return CheckResult.Of(listing, state.Row);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return CheckResult.Failed($"the listing of query job {job.Id} could not be read ({e.GetType().Name}: {e.Message})");
        }
    }
}
