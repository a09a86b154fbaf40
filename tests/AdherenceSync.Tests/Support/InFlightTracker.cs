using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AdherenceSync.Tests.Support;

/// <summary>
/// Sees every request the clients send, through handlers it hands out (one per pipeline: a handler instance can sit in
/// one only): how many are in flight, overall and per queue, so that tests check concurrency from the client's side too,
/// and the fake clock knows when the wire is quiet.
/// </summary>
internal sealed partial class InFlightTracker
{
    private readonly ConcurrentDictionary<string, int> _byQueue = new();
    private readonly Lock _gate = new();
    private int _inFlight;

    public Func<string, string?> QueueOfAgent { get; set; } = _ => null;

    public int Current => Volatile.Read(ref _inFlight);

    public int MaxInFlight { get; private set; }

    public int MaxInFlightPerQueue { get; private set; }

    public int Sent { get; private set; }

    public DelegatingHandler CreateHandler() => new Handler(this);

    private void Enter(string? queue)
    {
        lock (_gate)
        {
            Sent++;
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            if (queue is not null)
            {
                MaxInFlightPerQueue = Math.Max(MaxInFlightPerQueue, _byQueue.AddOrUpdate(queue, 1, (_, n) => n + 1));
            }
        }
    }

    private void Leave(string? queue)
    {
        lock (_gate)
        {
            _inFlight--;
            if (queue is not null)
            {
                _byQueue.AddOrUpdate(queue, 0, (_, n) => n - 1);
            }
        }
    }

    [GeneratedRegex("/agents/([^/]+)/")]
    private static partial Regex AgentPath();

    private sealed class TrackedContent(HttpContent inner, Action onDispose) : HttpContent
    {
        private int _disposed;

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => inner.CopyToAsync(stream);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
            => inner.CopyToAsync(stream, cancellationToken);

        protected override Task<Stream> CreateContentReadStreamAsync() => inner.ReadAsStreamAsync();

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => inner.ReadAsStreamAsync(cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                onDispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class Handler(InFlightTracker tracker) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var agent = AgentPath().Match(request.RequestUri?.AbsolutePath ?? string.Empty) is { Success: true } m ? Uri.UnescapeDataString(m.Groups[1].Value) : null;
            var queue = agent is null ? null : tracker.QueueOfAgent(agent);
            tracker.Enter(queue);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch
            {
                tracker.Leave(queue);
                throw;
            }

            // Busy until the caller has read and disposed the answer, not merely received its headers.
            response.Content = new TrackedContent(response.Content, () => tracker.Leave(queue));
            return response;
        }
    }
}
