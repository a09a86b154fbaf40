using System.Text;

namespace AdherenceSync.Testing.Relay;

/// <summary>Reads an HTTP/1.1 byte stream with look-ahead: a head up to its blank line, lines, and exact counts.</summary>
internal sealed class BufferedStreamReader(Stream stream)
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads up to and including the first CRLF CRLF; null at a clean end of stream.</summary>
    public async Task<byte[]?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return head.Length == 0 ? null : throw new IOException("The stream ended inside an HTTP head.");
            }

            head.WriteByte(_buffer[_start++]);
            if (EndsWithBlankLine(head))
            {
                return head.ToArray();
            }

            if (head.Length > MaxHeadBytes)
            {
                throw new IOException("HTTP head too large.");
            }
        }
    }

    public async Task<string> ReadLineAsync(Stream copyTo, CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("The stream ended inside a line.");
            }

            var b = _buffer[_start++];
            line.WriteByte(b);
            if (b == '\n')
            {
                var bytes = line.ToArray();
                await copyTo.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                return Encoding.ASCII.GetString(bytes).TrimEnd('\r', '\n');
            }
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes to <paramref name="destination"/>.</summary>
    public async Task CopyExactlyAsync(long count, Stream destination, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("The stream ended inside a body.");
            }

            var take = (int)Math.Min(count, _end - _start);
            await destination.WriteAsync(_buffer.AsMemory(_start, take), cancellationToken).ConfigureAwait(false);
            _start += take;
            count -= take;
        }
    }

    /// <summary>Copies everything until the stream ends.</summary>
    public async Task CopyToEndAsync(Stream destination, CancellationToken cancellationToken)
    {
        while (_start < _end || await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            await destination.WriteAsync(_buffer.AsMemory(_start, _end - _start), cancellationToken).ConfigureAwait(false);
            _start = _end;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        var bytes = head.GetBuffer();
        var n = (int)head.Length;
        return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }
}
