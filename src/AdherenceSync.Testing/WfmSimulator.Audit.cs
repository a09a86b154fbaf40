namespace AdherenceSync.Testing;

/// <content>What the simulator recorded, and the questions tests ask of it.</content>
public sealed partial class WfmSimulator
{
    private readonly List<SimulatorRequest> _requests = [];
    private readonly List<AppliedWrite> _writes = [];
    private readonly List<ThrottleWindow> _windows = [];
    private readonly List<QueueOverlap> _overlaps = [];
    private readonly Dictionary<string, List<int>> _inFlightByQueue = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets every request received so far, in arrival order.
    /// </summary>
    public IReadOnlyList<SimulatorRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests.OrderBy(r => r.Number)];
            }
        }
    }

    /// <summary>
    /// Gets every explanation stored so far, in the order they were stored.
    /// </summary>
    public IReadOnlyList<AppliedWrite> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>
    /// Gets how many requests of one organisation were answered 429 so far.
    /// </summary>
    /// <param name="org">The organisation's name.</param>
    /// <returns>The count.</returns>
    public int ThrottledCountFor(string org)
    {
        lock (_lock)
        {
            return _requests.Count(r => r.StatusCode == 429 && r.Org == org);
        }
    }

    /// <summary>
    /// Gets how many requests a fault (<see cref="WfmSimulatorOptions.Faults"/>), not a budget, answered 429 so far: the
    /// 429s that no budget explains.
    /// </summary>
    public int FaultThrottledCount
    {
        get
        {
            lock (_lock)
            {
                return _faultThrottles;
            }
        }
    }

    /// <summary>
    /// Gets how many requests were answered 429 so far.
    /// </summary>
    public int ThrottledCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count(r => r.StatusCode == 429);
            }
        }
    }

    /// <summary>
    /// Finds explanations stored more than once in one organisation: same agent, start, length and type.
    /// </summary>
    /// <returns>One entry per explanation stored twice or more; empty when none was.</returns>
    public IReadOnlyList<DuplicateWrite> FindDuplicateWrites()
        => [.. Writes
            .GroupBy(w => (w.Org, w.AgentId, Start: NormalizeDate(w.StartDate), w.LengthMinutes, w.Type))
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateWrite(g.Key.AgentId, g.First().StartDate, g.Key.LengthMinutes, g.Key.Type, g.Count(), g.Key.Org))];

    /// <summary>
    /// Finds writes of one queue that the simulator was working on at the same time (from arrival until the write was
    /// applied or refused). Needs <see cref="WfmSimulatorOptions.AgentQueues"/>.
    /// </summary>
    /// <returns>Every overlap seen; empty when none was.</returns>
    public IReadOnlyList<QueueOverlap> FindQueueOverlaps()
    {
        lock (_lock)
        {
            return [.. _overlaps];
        }
    }

    /// <summary>
    /// Finds requests that arrived strictly inside a Retry-After the simulator had given on the budget they share
    /// (the bearer token's, or the queue's for a per-queue limit).
    /// </summary>
    /// <returns>Every such request; empty when the clients waited as told.</returns>
    public IReadOnlyList<RetryAfterViolation> FindRetryAfterViolations() => FindRetryAfterViolations(TimeSpan.Zero);

    /// <summary>
    /// Finds requests that arrived inside a Retry-After the simulator had given on the budget they share, ignoring those
    /// that arrived within <paramref name="grace"/> of the 429: with several queues in flight, a request can already be
    /// on the wire when another is throttled, and no client can call it back.
    /// </summary>
    /// <param name="grace">How long after a 429 an arriving request is still taken to have been sent before it.</param>
    /// <returns>Every such request; empty when the clients waited as told.</returns>
    public IReadOnlyList<RetryAfterViolation> FindRetryAfterViolations(TimeSpan grace)
    {
        List<ThrottleWindow> windows;
        List<SimulatorRequest> requests;
        lock (_lock)
        {
            windows = [.. _windows];
            requests = [.. _requests];
        }

        return [.. from request in requests
                   from window in windows
                   where request.Budget == window.Budget
                         && (window.Queue is null || window.Queue == request.QueueId)
                         && request.ArrivedAt > window.Start + grace && request.ArrivedAt < window.End
                   orderby request.Number
                   select new RetryAfterViolation(request, window.Request, window.End)];
    }

    private static string NormalizeDate(string value)
        => DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : value;

    private void Record(SimulatorRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    private void EnterQueue(string? queue, int request)
    {
        if (queue is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!_inFlightByQueue.TryGetValue(queue, out var inFlight))
            {
                _inFlightByQueue[queue] = inFlight = [];
            }

            foreach (var earlier in inFlight)
            {
                _overlaps.Add(new QueueOverlap(queue, earlier, request));
            }

            inFlight.Add(request);
        }
    }

    private void LeaveQueue(string? queue, int request)
    {
        if (queue is null)
        {
            return;
        }

        lock (_lock)
        {
            _inFlightByQueue[queue].Remove(request);
        }
    }
}
