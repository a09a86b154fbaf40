namespace AdherenceSync.Client;

/// <summary>
/// The typed client: an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> plus the long-lived services of its name.
/// </summary>
internal sealed class AdherenceSyncClient(HttpClient httpClient, ClientServices services) : IAdherenceSyncClient
{
    public Task<PushReport> PushAsync(IEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return PushAsync(ToAsync(rows), options, cancellationToken);
    }

    public Task<PushReport> PushAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return PushAndKeepAsync(rows, options ?? new PushOptions(), cancellationToken);
    }

    private async Task<PushReport> PushAndKeepAsync(IAsyncEnumerable<AdherenceRow> rows, PushOptions options, CancellationToken cancellationToken)
    {
        var report = await services.CreatePushEngine(httpClient).PushAsync(rows, options, cancellationToken).ConfigureAwait(false);

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
