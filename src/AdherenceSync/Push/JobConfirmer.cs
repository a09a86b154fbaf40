using System.Globalization;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <summary>
/// The job step: a 202 only means the platform took the work. The row moves Accepted → AwaitingJob and is polled until
/// <c>Complete</c> (Succeeded, with the explanation id) or <c>Error</c> (Rejected, with the job's error), backing off
/// between polls; past <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/> it is Unknown as not confirmed, never
/// Succeeded.
/// </summary>
internal sealed class JobConfirmer(RowSender sender, RowObservers observers, TimeSpan maxRetryAfter)
{
    public async Task<RowResult> ConfirmAsync(RowAttempt state, string jobId)
    {
        state.AwaitJob();
        var schedule = sender.PollSchedule();
        string? lastProblem = null;

        while (true)
        {
            try
            {
                if (!await schedule.WaitAsync(state.Run.Stop).ConfigureAwait(false))
                {
                    return NotConfirmed(state, jobId, string.Create(CultureInfo.InvariantCulture,
                        $"still not finished after {schedule.Timeout.TotalSeconds:0.###} s{(lastProblem is null ? string.Empty : $"; last poll: {lastProblem}")}"));
                }
            }
            catch (OperationCanceledException)
            {
                return NotConfirmed(state, jobId, state.Run.IsCancelled ? "the push was cancelled while it was processing" : $"the push halted ({state.Run.HaltReason}) while it was processing");
            }

            var outcome = await sender.PollAsync(state, jobId).ConfigureAwait(false);
            if (Settle(state, jobId, outcome, out var problem) is { } settled)
            {
                return settled;
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
