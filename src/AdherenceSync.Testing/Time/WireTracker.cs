namespace AdherenceSync.Testing.Time;

/// <summary>
/// Counts the requests on the wire, from the send until the answer's body has been read, through the handlers it hands
/// out (a handler instance can sit in one pipeline only).
/// </summary>
internal sealed class WireTracker
{
    private int _onTheWire;

    public int OnTheWire => Volatile.Read(ref _onTheWire);

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(WireTracker owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._onTheWire);
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                // The body is read here, on the wire's count, so that fake time never jumps while it trickles in.
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref owner._onTheWire);
            }
        }
    }
}
