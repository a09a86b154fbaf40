using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AdherenceSync.Testing.Relay;

/// <summary>
/// A loopback TCP relay in front of the WireMock server. It forwards requests untouched, and answers untouched,
/// except an answer marked <see cref="RelayMarkers.Drop"/>: then it resets the client's connection (a TCP RST), after
/// the simulator has already applied the write. That makes the ambiguous failure real: WireMock's own faults do not
/// make <see cref="HttpClient"/> throw.
/// </summary>
internal sealed class ConnectionRelay : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _timeProvider;

    /// <param name="upstream">Where the server listens.</param>
    /// <param name="timeProvider">The simulator's clock, which a trickled body's pauses wait on.</param>
    /// <param name="port">The loopback port to listen on; 0 for a free one.</param>
    public ConnectionRelay(IPEndPoint upstream, TimeProvider timeProvider, int port = 0)
    {
        _upstream = upstream;
        _timeProvider = timeProvider;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(_upstream, _stop.Token).ConfigureAwait(false);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var requests = client.GetStream().CopyToAsync(upstream.GetStream(), connection.Token);
                var responses = ForwardResponsesAsync(upstream.GetStream(), client, connection.Token);
                await Task.WhenAny(requests, responses).ConfigureAwait(false);
                await connection.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away: the connection is over.
            }
        }
    }

    private async Task ForwardResponsesAsync(NetworkStream upstream, TcpClient client, CancellationToken cancellationToken)
    {
        var reader = new BufferedStreamReader(upstream);
        var downstream = client.GetStream();
        while (await reader.ReadHeadAsync(cancellationToken).ConfigureAwait(false) is { } headBytes)
        {
            var head = ResponseHead.Parse(headBytes);
            if (head.Has(RelayMarkers.Drop))
            {
                Reset(client);
                return;
            }

            if (head.Headers.TryGetValue(RelayMarkers.Trickle, out var trickle) && int.TryParse(trickle, NumberStyles.None, CultureInfo.InvariantCulture, out var pauseMs))
            {
                await downstream.WriteAsync(ResponseHead.Without(headBytes, RelayMarkers.Trickle), cancellationToken).ConfigureAwait(false);
                await ForwardBodyAsync(head, reader, new TricklingStream(downstream, TimeSpan.FromMilliseconds(pauseMs), _timeProvider), cancellationToken).ConfigureAwait(false);
                continue;
            }

            await downstream.WriteAsync(headBytes, cancellationToken).ConfigureAwait(false);
            await ForwardBodyAsync(head, reader, downstream, cancellationToken).ConfigureAwait(false);
            await downstream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ForwardBodyAsync(ResponseHead head, BufferedStreamReader reader, Stream downstream, CancellationToken cancellationToken)
    {
        if (head.HasNoBody)
        {
            return;
        }

        if (head.IsChunked)
        {
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(downstream, cancellationToken).ConfigureAwait(false);
                var size = long.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    // Trailers, if any, then the blank line that ends the body.
                    while ((await reader.ReadLineAsync(downstream, cancellationToken).ConfigureAwait(false)).Length > 0)
                    {
                    }

                    return;
                }

                await reader.CopyExactlyAsync(size + 2, downstream, cancellationToken).ConfigureAwait(false);
            }
        }

        if (head.ContentLength is { } length)
        {
            await reader.CopyExactlyAsync(length, downstream, cancellationToken).ConfigureAwait(false);
            return;
        }

        await reader.CopyToEndAsync(downstream, cancellationToken).ConfigureAwait(false);
    }

    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }
}
