namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>
/// The forum thread's loop: batches of 5 rows, sent one after another, then a fixed 1 s pause; no retry, so a throttled
/// row is simply lost.
/// </summary>
internal sealed class NaiveLoopStrategy : IStrategy
{
    public string Name => "forum loop (5/batch, 1 s pause)";

    public async Task RunAsync(StrategyContext context, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = context.BaseAddress };
        foreach (var batch in context.Rows.Chunk(5))
        {
            foreach (var row in batch)
            {
                using var request = RawWrites.Create(row, context.Token);
                using var response = await http.SendAsync(request, cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
