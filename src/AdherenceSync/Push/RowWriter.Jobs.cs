using System.Globalization;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <content>
/// Confirming a job: a 202 only means the platform took the work. Poll until <c>Complete</c> (Succeeded, with the
/// explanation id) or <c>Error</c> (Rejected, with the job's error), backing off between polls; past
/// <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/> the row is Unknown as not confirmed, never Succeeded.
/// </content>
internal sealed partial class RowWriter
{
    private async Task<RowResult> ConfirmJobAsync(RowState state, string jobId)
    {
        var schedule = PollSchedule();
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

            var outcome = await PollAsync(state, jobId).ConfigureAwait(false);
            if (Settle(state, jobId, outcome, out var problem) is { } settled)
            {
                return settled;
            }

            lastProblem = problem;
        }
    }

    /// <summary>Turns a poll into the row's final result, or null (with what went wrong, if anything) to poll again.</summary>
    private RowResult? Settle(RowState state, string jobId, Outcome<ApiAnswer> outcome, out string? problem)
    {
        problem = null;
        var meaning = AnswerClassifier.Classify(RequestKind.Poll, outcome, inFlight: false, options.Retry.MaxRetryAfter);
        switch (meaning.Verdict)
        {
            case AnswerVerdict.Halt:
                state.Run.Halt(PushHalt.From(meaning));
                return NotConfirmed(state, jobId, $"polling it was refused ({meaning.Reason})");
            case AnswerVerdict.Gone:
                return NotConfirmed(state, jobId, meaning.Reason);
            case AnswerVerdict.Applied:
                Log.JobPolled(logger, state.Index, jobId, JobConstants.Complete);
                return OutcomeClassifier.Make(state, RowOutcome.Succeeded, null, meaning.ExplanationId, jobId);
            case AnswerVerdict.Rejected:
                Log.JobPolled(logger, state.Index, jobId, JobConstants.Error);
                return OutcomeClassifier.Make(state, RowOutcome.Rejected, meaning.Reason, null, jobId);
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

    private JobPollSchedule PollSchedule() => new(timeProvider, options.JobConfirmationTimeout, options.JobPollDelay);

    /// <summary>One poll of a job, retried as a request of its own.</summary>
    private ValueTask<Outcome<ApiAnswer>> PollAsync(RowState state, string jobId)
        => RunAsync(pipelines.Request, state, RequestKind.Poll, jobId, static (_, s) => s.Writer.SendAsync(s.State, s.Kind, s.JobId));

    private static RowResult NotConfirmed(RowState state, string jobId, string why)
        => OutcomeClassifier.Make(state, RowOutcome.Unknown, $"not confirmed: the platform accepted job {jobId} but {why}", null, jobId);
}
