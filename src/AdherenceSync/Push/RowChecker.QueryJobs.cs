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
internal sealed partial class RowChecker
{
    private async Task<CheckResult> AwaitQueryJobAsync(RowAttempt state, string jobId)
    {
        var schedule = sender.PollSchedule();
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

            var poll = await sender.PollAsync(state, jobId).ConfigureAwait(false);
            var meaning = AnswerClassifier.Classify(RequestKind.Poll, poll, inFlight: false, maxRetryAfter);
            switch (meaning.Verdict)
            {
                case AnswerVerdict.Applied:
                    Log.JobPolled(observers.Logger, state.Index, jobId, JobConstants.Complete);
                    return await ReadQueryJobListingAsync(state, poll.Result!.Job!).ConfigureAwait(false);
                case AnswerVerdict.Rejected:
                    Log.JobPolled(observers.Logger, state.Index, jobId, JobConstants.Error);
                    return CheckResult.Failed($"query {meaning.Reason}");
                case AnswerVerdict.Pending when meaning.JobId is not null:
                    lastProblem = meaning.Reason;
                    continue;
            }

            lastProblem = meaning.Reason;
            if (meaning.Verdict == AnswerVerdict.Gone || state.Run.Stop.IsCancellationRequested)
            {
                break;
            }
        }

        return CheckResult.Failed(string.Create(CultureInfo.InvariantCulture, $"query job {jobId} did not complete within {schedule.Timeout.TotalSeconds:0.###} s ({lastProblem})"));
    }

    private async Task<CheckResult> ReadQueryJobListingAsync(RowAttempt state, ExplanationJob job)
    {
        if (!Uri.TryCreate(job.DownloadUrl, UriKind.Absolute, out var download))
        {
            return CheckResult.Failed($"query job {job.Id} completed without a download link");
        }

        try
        {
            var listing = await sender.DownloadWithinTimeoutAsync(download, state).ConfigureAwait(false);
            return CheckResult.Of(listing, state.Row);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return CheckResult.Failed($"the listing of query job {job.Id} could not be read ({e.GetType().Name}: {e.Message})");
        }
    }
}
