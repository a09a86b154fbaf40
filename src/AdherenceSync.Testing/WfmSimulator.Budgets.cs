using AdherenceSync.Testing.Budgets;
using AdherenceSync.Testing.Handlers;
using WireMock.Types;

namespace AdherenceSync.Testing;

/// <content>The budgets: one per organisation (or static token), optionally one per queue; 429s and rate-limit headers.</content>
public sealed partial class WfmSimulator
{
    private readonly Dictionary<string, ISimulatorBudget> _budgets = new(StringComparer.Ordinal);
    private int _faultThrottles;

    /// <summary>
    /// Changes the token budget (<see cref="WfmSimulatorOptions.RequestsPerMinute"/>) while the simulator runs, as a vendor
    /// who raises or lowers an organisation's limit does, or as another client that starts or stops on the same token
    /// looks. Every token budget takes the new limit, and so does every organisation without a limit of its own; a fixed
    /// window keeps its phase and counts the current window against the new allowance. Queue budgets keep theirs.
    /// </summary>
    /// <param name="requestsPerMinute">The new budget, in requests a minute.</param>
    public void ChangeRequestsPerMinute(int requestsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        lock (_lock)
        {
            Options.RequestsPerMinute = requestsPerMinute;
            var own = Options.Orgs.Where(o => o.RequestsPerMinute is not null).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var key in _budgets.Keys.Where(k => !k.Contains("|queue|", StringComparison.Ordinal) && !own.Contains(k)).ToList())
            {
                _budgets[key] = _budgets[key].Resize(requestsPerMinute, Now);
            }
        }
    }

    /// <summary>Takes a request from the identity's budget and, for a write, its queue's; or answers 429.</summary>
    private SimulatorAnswer? Throttle(SimulatorCall call, SimulatorIdentity identity, string? queue)
    {
        lock (_lock)
        {
            var budget = Budget(identity.Budget, RequestsPerMinuteFor(identity), Options.Burst);
            var perMinute = RequestsPerMinuteFor(identity);
            if (!budget.TryTake(call.ArrivedAt, out var wait))
            {
                return ThrottledLocked(call, wait, identity, null, perMinute);
            }

            if (queue is not null && Options.QueueRequestsPerMinute is { } perQueue
                && !Budget($"{identity.Budget}|queue|{queue}", perQueue, null).TryTake(call.ArrivedAt, out wait))
            {
                return ThrottledLocked(call, wait, identity, queue, perQueue);
            }

            return null;
        }
    }

    private SimulatorAnswer ThrottledLocked(SimulatorCall call, TimeSpan wait, SimulatorIdentity identity, string? queue, int perMinute)
    {
        var seconds = Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        _windows.Add(new ThrottleWindow(call.Number, identity.Budget, queue, call.ArrivedAt, call.ArrivedAt.AddSeconds(seconds)));
        return new(SimulatorResponses.Throttled(wait, queueLimit: queue is not null, perMinute), 429, Org: identity.Org);
    }

    private ISimulatorBudget Budget(string key, int perMinute, int? burst)
    {
        if (!_budgets.TryGetValue(key, out var budget))
        {
            var perSecond = perMinute / 60d;
            _budgets[key] = budget = Options.RateLimitWindow is { } window
                ? new SimulatorFixedWindow((int)Math.Max(1, Math.Round(perMinute * window.TotalSeconds / 60)), window)
                : new SimulatorTokenBucket(perSecond, burst ?? Math.Max(1, Math.Floor(perSecond)), Now);
        }

        return budget;
    }

    /// <summary>Adds the identity's rate-limit headers to an answer, when they are switched on.</summary>
    private SimulatorAnswer WithRateLimitHeaders(SimulatorAnswer answer, SimulatorIdentity identity)
    {
        if (!Options.RateLimitHeaders)
        {
            return answer;
        }

        lock (_lock)
        {
            foreach (var (name, value) in Budget(identity.Budget, RequestsPerMinuteFor(identity), Options.Burst).Headers(Now))
            {
                answer.Message.Headers![name] = new WireMockList<string>(value);
            }
        }

        return answer;
    }
}
