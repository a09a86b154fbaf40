using System.Globalization;
using AdherenceSync.Resilience;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Genesys;

/// <content>
/// Confirming a job: a 202 only means the platform took the work. Poll until <c>Complete</c> (Succeeded, with the
/// explanation id) or <c>Error</c> (Rejected, with the job's error), backing off between polls; past
/// <see cref="AdherenceSyncOptions.JobConfirmationTimeout"/> the row is Failed as not confirmed, never Succeeded.
/// </content>
internal sealed partial class ExplanationWriter
{
    private async Task<RowResult> ConfirmJobAsync(RowAttempt attempt, string jobId)
    {
        var schedule = PollSchedule();
        string? lastProblem = null;

        while (true)
        {
            try
            {
                if (!await schedule.WaitAsync(attempt.Run.Stop).ConfigureAwait(false))
                {
                    return NotConfirmed(attempt, jobId, string.Create(CultureInfo.InvariantCulture,
                        $"still not finished after {schedule.Timeout.TotalSeconds:0.###} s{(lastProblem is null ? string.Empty : $"; last poll: {lastProblem}")}"));
                }
            }
            catch (OperationCanceledException)
            {
                return NotConfirmed(attempt, jobId, attempt.Run.IsCancelled ? "the push was cancelled while it was processing" : $"the push halted ({attempt.Run.HaltReason}) while it was processing");
            }

            var outcome = await ExecuteAsync(attempt, RequestKind.Poll, jobId).ConfigureAwait(false);
            if (Settle(attempt, jobId, outcome, out var problem) is { } settled)
            {
                return settled;
            }

            lastProblem = problem;
        }
    }

    /// <summary>Turns a poll into the row's final result, or null (with what went wrong, if anything) to poll again.</summary>
    private RowResult? Settle(RowAttempt attempt, string jobId, Outcome<AttemptResult> outcome, out string? problem)
    {
        problem = null;
        if (outcome.Exception is { } exception)
        {
            problem = $"{exception.GetType().Name}: {exception.Message}";
            return attempt.Run.Stop.IsCancellationRequested ? NotConfirmed(attempt, jobId, $"the push stopped while it was processing; last poll: {problem}") : null;
        }

        var result = outcome.Result!;
        if (RetryClassifier.IsAuthFailure(result.StatusCode))
        {
            attempt.Run.Halt(OutcomeClassifier.AuthFailureReason(result));
            return NotConfirmed(attempt, jobId, $"polling it was refused ({result.Describe()})");
        }

        if (result.StatusCode == 404)
        {
            return NotConfirmed(attempt, jobId, $"the platform no longer knows it ({result.Describe()})");
        }

        if (!result.IsSuccess || result.Job is null)
        {
            problem = result.Describe();
            return null;
        }

        var job = result.Job;
        Log.JobPolled(services.Logger, attempt.Index, jobId, job.Status ?? "(none)");
        return job.Status switch
        {
            JobConstants.Complete => OutcomeClassifier.Make(attempt, RowOutcome.Succeeded, null, job.AdherenceExplanation?.Id, jobId),
            JobConstants.Error => OutcomeClassifier.Make(attempt, RowOutcome.Rejected, OutcomeClassifier.JobFailed(jobId, job), null, jobId),
            _ => null,
        };
    }

    private JobPollSchedule PollSchedule() => new(services.TimeProvider, services.Options.JobConfirmationTimeout, services.Options.JobPollDelay);

    private static RowResult NotConfirmed(RowAttempt attempt, string jobId, string why)
        => OutcomeClassifier.Make(attempt, RowOutcome.Failed, $"not confirmed: the platform accepted job {jobId} but {why}", null, jobId);
}
