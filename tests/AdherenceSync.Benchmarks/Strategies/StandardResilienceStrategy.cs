using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>
/// What a .NET developer would pick instead: an <see cref="HttpClient"/> with <c>AddStandardResilienceHandler()</c>
/// (Microsoft.Extensions.Http.Resilience defaults: retries with Retry-After, circuit breaker, timeouts), one task per queue.
/// </summary>
internal sealed class StandardResilienceStrategy : IStrategy
{
    public string Name => "AddStandardResilienceHandler";

    public async Task RunAsync(StrategyContext context, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("standard", c => c.BaseAddress = context.BaseAddress).AddStandardResilienceHandler();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("standard");

        await Task.WhenAll(context.Rows.GroupBy(r => r.QueueId).Select(async queue =>
        {
            foreach (var row in queue)
            {
                try
                {
                    using var request = RawWrites.Create(row, context.Token);
                    using var response = await http.SendAsync(request, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The handler gave up (circuit open, timeout, retries exhausted): the row is lost.
                }
            }
        }));
    }
}
