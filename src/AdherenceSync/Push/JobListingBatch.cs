using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>
/// The write jobs of a push that wait for confirmation, confirmed together when the business unit is known: once every
/// waiting row is due (<see cref="AdherenceSyncOptions.JobPollDelay"/> after its 202; the first waits three times that at
/// most), one business-unit query (<see cref="RowWriter.LookupAsync"/>) covers them all, whichever their queue. A row it
/// lists is confirmed. A row that a query did not list once it was due, or that a query could not answer for, is polled
/// once by its job (<see cref="JobConfirmer"/>), the only way to learn an <c>Error</c> and its reason, or that jobs take
/// longer than expected (then every row waits longer, and the row waits for the next query). So a job costs a share of one query
/// instead of one poll or more.
/// </summary>
/// <remarks>
/// Each queue's loop still waits for its row's confirmation before it writes the queue's next row (see
/// <see cref="RowWriter"/>), so at most one row per active queue waits here. One query runs at a time.
/// </remarks>
/// <param name="lookup">Looks rows up in as few business-unit queries as the platform allows.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="due">How long after its 202 a job is expected to have ended, at first (<see cref="JobTookLonger"/>).</param>
internal sealed class JobListingBatch(
    Func<IReadOnlyList<(int Index, AdherenceRow Row)>, PushRun, Task<ExplanationLookupResult>> lookup, TimeProvider timeProvider, TimeSpan due)
{
    /// <summary>How many times its due a row waits at most for the rows registered after it to be due too.</summary>
    private const int MaxDuesWaited = 3;

    private readonly Lock _lock = new();
    private readonly List<Waiting> _waiting = [];
    private TimeSpan _due = due;
    private bool _running;

    /// <summary>Gets how long after its 202 a job is expected to have ended, as learned so far.</summary>
    public TimeSpan Due
    {
        get
        {
            lock (_lock)
            {
                return _due;
            }
        }
    }

    /// <summary>
    /// Notes that a job was still processing when it was due and not listed: jobs take longer, so rows wait twice as long
    /// (up to <see cref="JobConstants.MaxPollDelay"/>) before a query.
    /// </summary>
    public void JobTookLonger()
    {
        lock (_lock)
        {
            _due = JobPollSchedule.Longer(_due);
        }
    }

    /// <summary>
    /// Waits until a query lists the row's explanation, or says it will not: <see langword="null"/> when the row was due
    /// and not listed, or the query failed, or the push stopped.
    /// </summary>
    public Task<AdherenceExplanation?> ListedAsync(RowAttempt state)
    {
        var waiting = new Waiting(state.Index, state.Row, timeProvider.GetTimestamp());
        bool start;
        lock (_lock)
        {
            _waiting.Add(waiting);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            _ = RunAsync(state.Run);
        }

        return waiting.Listed.Task;
    }

    private async Task RunAsync(PushRun run)
    {
        while (true)
        {
            TimeSpan wait, expected;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _running = false;
                    return;
                }

                // The query waits until every waiting row is due, so that it confirms them all, but no row waits past
                // MaxDuesWaited dues for rows that keep arriving.
                expected = _due;
                wait = Min(expected - timeProvider.GetElapsedTime(_waiting.Max(w => w.Since)), (MaxDuesWaited * expected) - timeProvider.GetElapsedTime(_waiting.Min(w => w.Since)));
            }

            Waiting[] batch;
            ExplanationLookupResult? result = null;
            var asked = timeProvider.GetTimestamp();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, run.Stop).ConfigureAwait(false);
                    continue;
                }

                lock (_lock)
                {
                    batch = [.. _waiting];
                }

                result = await lookup([.. batch.Select(w => (w.Index, w.Row))], run).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopped, or the query itself broke: every waiting row goes back to its own job, which says why.
                lock (_lock)
                {
                    batch = [.. _waiting];
                }
            }

            foreach (var waiting in batch)
            {
                AdherenceExplanation? listed = null;
                var answered = result is not null && result.Found.TryGetValue(waiting.Index, out listed);
                if (listed is null && answered && timeProvider.GetElapsedTime(waiting.Since, asked) < expected)
                {
                    // Not due yet: its job may still be processing. The next query asks again.
                    continue;
                }

                lock (_lock)
                {
                    _waiting.Remove(waiting);
                }

                waiting.Listed.TrySetResult(listed);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Waiting(int index, AdherenceRow row, long since)
    {
        public int Index { get; } = index;

        public AdherenceRow Row { get; } = row;

        public long Since { get; } = since;

        public TaskCompletionSource<AdherenceExplanation?> Listed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
