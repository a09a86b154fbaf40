using System.Runtime.ExceptionServices;
using AdherenceSync.Genesys;
using AdherenceSync.Telemetry;
using Polly;

namespace AdherenceSync.Push;

/// <content>
/// The write step: the row's POST, retried. A retry after an ambiguous write checks the platform first (the check step,
/// with its own retry) and writes only if the explanation is not there: a retry never writes a row twice.
/// </content>
internal sealed partial class RowWriter
{
    private ValueTask<Outcome<ApiAnswer>> WriteStepAsync(RowState state)
        => RunAsync(pipelines.Write, state, RequestKind.Write, jobId: null, static (_, s) => s.Writer.WriteAttemptAsync(s.State));

    private async ValueTask<Outcome<ApiAnswer>> WriteAttemptAsync(RowState state)
    {
        if (state.InDoubt)
        {
            var check = await CheckAsync(state).ConfigureAwait(false);
            if (check.Stopped is { } stopped)
            {
                // The push stopped during the check: the write's retry ends as it would in its delay.
                ExceptionDispatchInfo.Throw(stopped);
            }

            state.LastCheck = check;
            Log.Reconciled(logger, state.Index, state.Row.QueueId, check.Verdict.ToString());
            if (check.Verdict != Reconciliation.NotFound || state.Run.IsHalted)
            {
                // Found, or no answer: nothing more is written. Not found but halted: nothing more is sent.
                return state.LastAnswer is { } answer ? Outcome.FromResult(answer) : Outcome.FromException<ApiAnswer>(state.LastException ?? new InvalidOperationException(check.Problem ?? "the check gave no answer"));
            }

            // Not applied: write it again.
            state.InDoubt = false;
            state.LastCheck = null;
        }

        return await SendAsync(state, RequestKind.Write, jobId: null).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one step of the row through <paramref name="pipeline"/>, on the push's stop token. Every step passes the same
    /// state type, so Polly's generic execution is compiled once for all of them.
    /// </summary>
    private async ValueTask<Outcome<ApiAnswer>> RunAsync(
        ResiliencePipeline<ApiAnswer> pipeline, RowState state, RequestKind kind, string? jobId, Func<ResilienceContext, Step, ValueTask<Outcome<ApiAnswer>>> step)
    {
        var context = ResilienceContextPool.Shared.Get(state.Run.Stop);
        context.Properties.Set(RowContextKeys.Row, state);
        context.Properties.Set(RowContextKeys.Queue, state.Row.QueueId);
        context.Properties.Set(RowContextKeys.Kind, kind);
        try
        {
            return await pipeline.ExecuteOutcomeAsync(step, context, new Step(this, state, kind, jobId)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>What a step's callback needs.</summary>
    private readonly record struct Step(RowWriter Writer, RowState State, RequestKind Kind, string? JobId);
}
