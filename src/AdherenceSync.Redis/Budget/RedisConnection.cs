using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <summary>
/// The Redis connection of one registration: connected on first use, never failing on an unreachable server
/// (StackExchange.Redis keeps reconnecting in the background), and disposed only when this class created it.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connect;
    private readonly bool _owned;

    public RedisConnection(RedisBudgetOptions options)
    {
        if (options.Connection is { } given)
        {
            _connect = new(Task.FromResult(given));
            return;
        }

        _owned = true;
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        var timeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.ConnectTimeout = Math.Max(timeout, 1000);
        configuration.AsyncTimeout = timeout;
        configuration.SyncTimeout = timeout;

        // Reconnect as often as the budget tries Redis again, rather than on StackExchange.Redis's growing default delays.
        configuration.ReconnectRetryPolicy ??= new LinearRetry((int)options.RecoveryInterval.TotalMilliseconds);
        _connect = new(async () => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false));
    }

    /// <summary>Gets the multiplexer, connecting at the first call.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connect.Value;

    public void Dispose()
    {
        if (_owned && _connect.IsValueCreated && _connect.Value.IsCompletedSuccessfully)
        {
            _connect.Value.Result.Dispose();
        }
    }
}
