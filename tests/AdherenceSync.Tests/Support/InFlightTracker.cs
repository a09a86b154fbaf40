using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AdherenceSync.Tests.Support;

/// <summary>
/// A client-side handler that sees every request the client sends: how many were in flight at once, overall and per
/// agent path, so that tests can check concurrency from the client's side too.
/// </summary>
internal sealed partial class InFlightTracker : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _byAgent = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _sent;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Sent => Volatile.Read(ref _sent);

    public int MaxInFlightPerAgent { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        var agent = AgentPath().Match(request.RequestUri?.AbsolutePath ?? string.Empty) is { Success: true } m ? m.Groups[1].Value : "-";
        var now = Interlocked.Increment(ref _inFlight);
        UpdateMax(ref _maxInFlight, now);
        var perAgent = _byAgent.AddOrUpdate(agent, 1, (_, n) => n + 1);
        lock (_byAgent)
        {
            MaxInFlightPerAgent = Math.Max(MaxInFlightPerAgent, perAgent);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            _byAgent.AddOrUpdate(agent, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void UpdateMax(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }

    [GeneratedRegex("/agents/([^/]+)/")]
    private static partial Regex AgentPath();
}
