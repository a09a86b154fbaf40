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
    private async Task<Outcome<ApiAnswer>> WriteStepAsync(RowState state)
    {
        var context = Context(state, RequestKind.Write);
        try
        {
            return await pipelines.Write.ExecuteOutcomeAsync(
                static (_, s) => s.Writer.WriteAttemptAsync(s.State),
                context,
                (Writer: this, State: state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

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

    private static ResilienceContext Context(RowState state, RequestKind kind)
    {
        var context = ResilienceContextPool.Shared.Get(state.Run.Stop);
        context.Properties.Set(RowContextKeys.Row, state);
        context.Properties.Set(RowContextKeys.Queue, state.Row.QueueId);
        context.Properties.Set(RowContextKeys.Kind, kind);
        return context;
    }
}
