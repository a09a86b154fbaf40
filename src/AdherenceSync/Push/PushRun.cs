namespace AdherenceSync.Push;

/// <summary>
/// The shared state of one push: the caller's cancellation, and the halt that a 401 or 403 triggers.
/// </summary>
/// <remarks>
/// Two tokens, because they stop different things. <see cref="Stop"/> (caller or halt) ends every wait: for a
/// permit, a retry delay, the next row. <see cref="Abort"/> (caller only) also aborts a request on the wire; a
/// halt lets in-flight requests of other queues finish, so that their outcome stays known.
/// </remarks>
internal sealed class PushRun : IDisposable
{
    private readonly CancellationTokenSource _halt = new();
    private readonly CancellationTokenSource _stop;
    private PushHalt? _halted;
    private readonly Lock _polls = new();
    private int _throttled;
    private int _jobPolls;
    private long? _roundStart;
    private int _unexplainedThrottles;

    public PushRun(CancellationToken cancellationToken, ICheckpointStore? checkpoint = null)
    {
        Checkpoint = checkpoint;
        Abort = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _halt.Token);
    }

    public CancellationToken Abort { get; }

    /// <summary>Gets the batch that confirms this push's write jobs together, when the business unit is known.</summary>
    public JobListingBatch? Listings { get; init; }

    /// <summary>Gets where rows are recorded, if anywhere.</summary>
    public ICheckpointStore? Checkpoint { get; }

    public CancellationToken Stop => _stop.Token;

    public bool IsCancelled => Abort.IsCancellationRequested;

    /// <summary>Gets the halt, once one happened: the first wins.</summary>
    public PushHalt? Halted => Volatile.Read(ref _halted);

    public string? HaltReason => Halted?.Message;

    /// <summary>Gets how many answers were 429.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Gets how many of those 429s no known budget explains.</summary>
    public int UnexplainedThrottles => Volatile.Read(ref _unexplainedThrottles);

    /// <summary>Counts a 429, and whether no known budget explains it.</summary>
    public void OnThrottled(bool unexplained)
    {
        Interlocked.Increment(ref _throttled);
        if (unexplained)
        {
            Interlocked.Increment(ref _unexplainedThrottles);
        }
    }

    public bool IsHalted => HaltReason is not null;

    /// <summary>Halts the run, when <paramref name="halt"/> says to: the one place a push halts. The first halt wins.</summary>
    public void Halt(PushHalt? halt)
    {
        if (halt is not null && Interlocked.CompareExchange(ref _halted, halt, null) is null)
        {
            _halt.Cancel();
        }
    }

    /// <summary>Gets how many polls of write jobs the push made.</summary>
    public int JobPolls
    {
        get
        {
            lock (_polls)
            {
                return _jobPolls;
            }
        }
    }

    /// <summary>
    /// Gets about how many of <see cref="JobPolls"/> one business-unit query per round of them would have spared: the
    /// polls made without a business unit, less one per round (polls within one poll delay of the round's first).
    /// </summary>
    public int BusinessUnitWouldSave { get; private set; }

    /// <summary>Counts a poll of a write job at <paramref name="now"/>; without a business unit, in its round.</summary>
    /// <param name="now">When it is sent (a <see cref="TimeProvider.GetTimestamp"/> value).</param>
    /// <param name="round">How long a round lasts, in timestamp ticks; <see langword="null"/> when the business unit is known.</param>
    public void OnJobPolled(long now, long? round)
    {
        lock (_polls)
        {
            _jobPolls++;
            if (round is not { } length)
            {
                return;
            }

            if (_roundStart is not { } start || now - start > length)
            {
                // The first poll of a round: a query would have cost this one request.
                _roundStart = now;
            }
            else
            {
                BusinessUnitWouldSave++;
            }
        }
    }

    /// <summary>Why a row that was never sent is not attempted.</summary>
    public string NotSentReason => IsCancelled ? "cancelled before it was sent" : $"not sent: the push halted ({HaltReason})";

    public void Dispose()
    {
        _stop.Dispose();
        _halt.Dispose();
    }
}
