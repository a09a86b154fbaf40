namespace AdherenceSync.Testing.Relay;

/// <summary>
/// A write-only stream that passes bytes on one at a time, with a pause on the simulator's clock before each: a slow
/// body. On a <see cref="FakeTimeDriver"/>'s clock each pause holds the request, so fake time moves while it trickles.
/// </summary>
internal sealed class TricklingStream(Stream inner, TimeSpan pause, TimeProvider timeProvider) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            await Time.TimerTrackingTimeProvider.DelayHeldAsync(timeProvider, pause, cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer.Slice(i, 1), cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Asynchronous only.");

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
