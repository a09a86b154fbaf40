using System.Globalization;

namespace AdherenceSync.Pacing;

/// <summary>
/// Decides which budget a 429 exhausted. The server does not say so outright, but it can be told from:
/// <list type="number">
/// <item>the error body's <c>limit.key</c> when it names the token's own limit (Genesys: <c>...token.rate.per.minute</c>);</item>
/// <item>the rate-limit headers, which count the token's budget: if it still had requests left, the 429 was the queue's;</item>
/// <item>any other named limit: a resource's own, and a key seen before keeps the budget it was found to belong to;</item>
/// <item>the other queues: one whose request went out after this one and was accepted shows the token had room.</item>
/// </list>
/// When none of these says, the 429 is the token's, and every queue pauses.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ThrottleAttribution
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ThrottleScope> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _lastAccepted = new(StringComparer.Ordinal);

    /// <summary>Records that a queue's request, granted at <paramref name="sentAt"/>, was accepted.</summary>
    public void OnAccepted(string queue, long sentAt)
    {
        lock (_lock)
        {
            if (!_lastAccepted.TryGetValue(queue, out var last) || sentAt > last)
            {
                _lastAccepted[queue] = sentAt;
            }
        }
    }

    /// <summary>Forgets a queue that was dropped for being idle.</summary>
    public void Forget(string queue)
    {
        lock (_lock)
        {
            _lastAccepted.Remove(queue);
        }
    }

    public (ThrottleScope Scope, string Evidence) Attribute(ServerAnswer answer)
    {
        lock (_lock)
        {
            var key = answer.LimitKey;
            if (key is not null && key.EndsWith(PacingConstants.TokenLimitKeySuffix, StringComparison.OrdinalIgnoreCase))
            {
                // The body names the token's own limit: nothing is more explicit.
                return (ThrottleScope.Client, $"limit '{key}' is the token's");
            }

            if (answer.RateLimit is { } headers)
            {
                var scope = headers.Remaining >= 1 ? ThrottleScope.Queue : ThrottleScope.Client;
                Remember(key, scope);
                return (scope, scope == ThrottleScope.Queue
                    ? string.Create(CultureInfo.InvariantCulture, $"the token's budget still had {headers.Remaining:0} left")
                    : "the token's budget is used up");
            }

            if (key is not null)
            {
                if (_keys.TryGetValue(key, out var known))
                {
                    return (known, $"limit '{key}' was found to be the {(known == ThrottleScope.Queue ? "queue's" : "token's")}");
                }

                if (key.EndsWith(PacingConstants.TokenLimitKeySuffix, StringComparison.OrdinalIgnoreCase))
                {
                    return (ThrottleScope.Client, $"limit '{key}' is the token's");
                }
            }

            foreach (var (queue, sentAt) in _lastAccepted)
            {
                if (queue != answer.Queue && sentAt > answer.SentAt)
                {
                    Remember(key, ThrottleScope.Queue);
                    return (ThrottleScope.Queue, $"queue '{queue}' was accepted after this request went out");
                }
            }

            return key is null
                ? (ThrottleScope.Client, "nothing said which budget")
                : (ThrottleScope.Queue, $"limit '{key}' is not the token's");
        }
    }

    private void Remember(string? key, ThrottleScope scope)
    {
        if (key is not null)
        {
            _keys[key] = scope;
        }
    }
}
