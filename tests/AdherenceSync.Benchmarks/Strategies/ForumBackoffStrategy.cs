namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>
/// The forum thread's backoff: on a 429, wait 2^attempt seconds (2, 4, 8, 16) without jitter, at most 5 attempts; one
/// sequential loop per queue, all queues in parallel.
/// </summary>
internal sealed class ForumBackoffStrategy : IStrategy
{
    public string Name => "forum backoff (2^n s, no jitter)";

    public async Task RunAsync(StrategyContext context, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = context.BaseAddress };
        await Task.WhenAll(context.Rows.GroupBy(r => r.QueueId).Select(async queue =>
        {
            foreach (var row in queue)
            {
                for (var attempt = 1; attempt <= 5; attempt++)
                {
                    using var request = RawWrites.Create(row, context.Token);
                    using var response = await http.SendAsync(request, cancellationToken);
                    if ((int)response.StatusCode != 429 || attempt == 5)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                }
            }
        }));
    }
}
