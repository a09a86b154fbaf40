using System.Globalization;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <summary>
/// The job step: a 202 only means the platform took the work. The row moves Accepted → AwaitingJob and is polled until
/// <c>Complete</c> (Succeeded, with the explanation id) or <c>Error</c> (Rejected, with the job's error), backing off
/// between polls; past <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/> it is Unknown as not confirmed, never
/// Succeeded. With the business unit known, the row first waits for a query that confirms the jobs of every queue at
/// once (<see cref="JobListingBatch"/>), and is polled only when that query does not list it.
/// </summary>
internal sealed class JobConfirmer(RowSender sender, RowObservers observers, TimeSpan maxRetryAfter, TimeProvider timeProvider, TimeSpan pollDelay)
{
    /// <param name="state">The row, whose write the platform answered with a job.</param>
    /// <param name="jobId">The job.</param>
    /// <param name="listings">The push's batch of jobs confirmed by business-unit queries, when the business unit is known.</param>
    public async Task<RowResult> ConfirmAsync(RowAttempt state, string jobId, JobListingBatch? listings)
    {
        state.AwaitJob();
        var schedule = sender.PollSchedule();
        string? lastProblem = null;

        while (true)
        {
            try
            {
                if (listings is not null)
                {
                    // A query of the business unit confirms it with the other queues' jobs; a row it does not list once
                    // the job should have ended is polled, which says whether it is still processing or why it failed.
                    if (await listings.ListedAsync(state).ConfigureAwait(false) is { } listed)
                    {
                        Log.JobPolled(observers.Logger, state.Index, jobId, "listed");
                        return state.End(RowOutcome.Succeeded, null, listed.Id, jobId);
                    }

                    state.Run.Stop.ThrowIfCancellationRequested();
                }

                if (listings is null ? !await schedule.WaitAsync(state.Run.Stop).ConfigureAwait(false) : schedule.Expired)
                {
                    return NotConfirmed(state, jobId, string.Create(CultureInfo.InvariantCulture,
                        $"still not finished after {schedule.Timeout.TotalSeconds:0.###} s{(lastProblem is null ? string.Empty : $"; last poll: {lastProblem}")}"));
                }
            }
            catch (OperationCanceledException)
            {
                return NotConfirmed(state, jobId, state.Run.IsCancelled ? "the push was cancelled while it was processing" : $"the push halted ({state.Run.HaltReason}) while it was processing");
            }

            // Without a business unit, polls close together could have been one query: counted for the report.
            state.Run.OnJobPolled(timeProvider.GetTimestamp(), listings is null ? (long)(pollDelay.TotalSeconds * timeProvider.TimestampFrequency) : null);
            var outcome = await sender.PollAsync(state, jobId).ConfigureAwait(false);
            if (Settle(state, jobId, outcome, out var problem) is { } settled)
            {
                return settled;
            }

            if (problem is null)
            {
                // Still processing when it was due: jobs take longer than the queries waited.
                listings?.JobTookLonger();
            }

            lastProblem = problem;
        }
    }

    /// <summary>Turns a poll into the row's final result, or null (with what went wrong, if anything) to poll again.</summary>
    private RowResult? Settle(RowAttempt state, string jobId, Outcome<ApiAnswer> outcome, out string? problem)
    {
        problem = null;
        var meaning = AnswerClassifier.Classify(RequestKind.Poll, outcome, inFlight: false, maxRetryAfter);
        switch (meaning.Verdict)
        {
            case AnswerVerdict.Halt:
                // The poll's answer halted the push already (RowSender).
                return NotConfirmed(state, jobId, $"polling it was refused ({meaning.Reason})");
            case AnswerVerdict.Gone:
                return NotConfirmed(state, jobId, meaning.Reason);
            case AnswerVerdict.Applied:
                Log.JobPolled(observers.Logger, state.Index, jobId, JobConstants.Complete);
                return state.End(RowOutcome.Succeeded, null, meaning.ExplanationId, jobId);
            case AnswerVerdict.Rejected:
                Log.JobPolled(observers.Logger, state.Index, jobId, JobConstants.Error);
                return state.End(RowOutcome.Rejected, meaning.Reason, null, jobId);
            case AnswerVerdict.Pending when meaning.JobId is not null:
                // Still processing: nothing went wrong.
                return null;
            default:
                problem = meaning.Reason;
                return outcome.Exception is not null && state.Run.Stop.IsCancellationRequested
                    ? NotConfirmed(state, jobId, $"the push stopped while it was processing; last poll: {problem}")
                    : null;
        }
    }

    private static RowResult NotConfirmed(RowAttempt state, string jobId, string why)
        => state.End(RowOutcome.Unknown, $"not confirmed: the platform accepted job {jobId} but {why}", null, jobId);
}
