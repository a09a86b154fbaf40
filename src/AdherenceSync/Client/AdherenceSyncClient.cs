using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AdherenceSync.Client;

/// <summary>
/// The typed client: an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> plus the long-lived services of its name.
/// </summary>
internal sealed class AdherenceSyncClient(HttpClient httpClient, ClientServices services) : IAdherenceSyncClient
{
    public Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var push = options ?? new PushOptions();
        return PushAndKeepAsync(services.CreatePushEngine(httpClient).PushAsync(ToAsync(rows), push, cancellationToken));
    }

    public Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var push = options ?? new PushOptions();
        return PushAndKeepAsync(services.CreatePushEngine(httpClient).StreamAsync(
            rows, push, push.RowEnded ?? (static _ => ValueTask.CompletedTask), kept: push.KeepRows ? [] : null, readToEnd: true, cancellationToken));
    }

    public IAsyncEnumerable<RowResult> PushStreamAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return StreamResultsAsync(rows, options ?? new PushOptions(), cancellationToken);
    }

    private async IAsyncEnumerable<RowResult> StreamResultsAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Handed over one at a time: a result holds its row's slot until the consumer has taken it, so a consumer slower
        // than the sends holds the queues (and so the reading) back, no more than MaxRowsHeld rows ahead of it.
        var results = Channel.CreateBounded<RowResult>(new BoundedChannelOptions(1) { SingleReader = true });
        using var left = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, left.Token);
        var push = PushIntoAsync(rows, options, results.Writer, left.Token, stop.Token);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // Left early: the push is cancelled and its last results are dropped, since nobody reads them.
            await left.CancelAsync().ConfigureAwait(false);
            await push.ConfigureAwait(false);
        }
    }

    private async Task PushIntoAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions options, ChannelWriter<RowResult> results, CancellationToken left, CancellationToken stop)
    {
        try
        {
            await PushAndKeepAsync(services.CreatePushEngine(httpClient).StreamAsync(rows, options, HandOver, kept: null, readToEnd: false, stop)).ConfigureAwait(false);
            results.TryComplete();
        }
#pragma warning disable CA1031 // Handed to the consumer, who sees it at the end of the enumeration.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            results.TryComplete(exception);
        }

        async ValueTask HandOver(RowResult result)
        {
            try
            {
                // In the buffer of one, then taken: the buffer has room again only once the consumer took this result.
                await results.WriteAsync(result, left).ConfigureAwait(false);
                await results.WaitToWriteAsync(left).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (left.IsCancellationRequested)
            {
                // The consumer left.
            }
        }
    }

    private async Task<PushReport> PushAndKeepAsync(Task<PushReport> push)
    {
        var report = await push.ConfigureAwait(false);

        // Kept even when the push was cancelled: what was learned is as true; the write is not cancelled with it.
        await services.SaveLearnedAsync(CancellationToken.None).ConfigureAwait(false);
        return report;
    }

    // A synchronous source is read whole even when the push is already cancelled, so that every one of its
    // rows is in the report (as not attempted) and the counts add up to the input.
#pragma warning disable CS1998 // An iterator over a synchronous source needs no await.
    private static async IAsyncEnumerable<AdherenceRow> ToAsync(IEnumerable<AdherenceRow> rows)
#pragma warning restore CS1998
    {
        foreach (var row in rows)
        {
            yield return row;
        }
    }
}
