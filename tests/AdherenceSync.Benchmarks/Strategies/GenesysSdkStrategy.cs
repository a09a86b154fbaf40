using System.Diagnostics;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>
/// The official Genesys Cloud .NET SDK's behaviour as it ships, in a user's sequential loop over the rows. Its retry is
/// off by default (a 429 throws, and the loop goes on to the next row). Turned on (<c>MaxRetryTimeSec</c>), it retries
/// 429, 502, 503 and 504 only; it reads <c>Retry-After</c> (that exact case) as whole seconds, else waits 3 s; it blocks
/// the thread (<c>Thread.Sleep</c>), with no jitter; it retries while less than <c>MaxRetryTimeSec</c> has passed and
/// at most 5 times. The official JavaScript SDK does not retry at all, like the default here.
/// </summary>
internal sealed class GenesysSdkStrategy(int maxRetryTimeSeconds) : IStrategy
{
    private const int RetryMax = 5;
    private static readonly int[] RetriedStatuses = [429, 502, 503, 504];

    public string Name => maxRetryTimeSeconds == 0
        ? "official .NET SDK, as shipped (no retry)"
        : $"official .NET SDK, retry on ({maxRetryTimeSeconds} s)";

    public Task RunAsync(StrategyContext context, CancellationToken cancellationToken)
        => Task.Factory.StartNew(() => Run(context, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(StrategyContext context, CancellationToken cancellationToken)
    {
        // The SDK's RestSharp client is synchronous under its async facade's retry loop; HttpClient.Send models that.
        using var http = new HttpClient { BaseAddress = context.BaseAddress };
        foreach (var row in context.Rows)
        {
            var watch = Stopwatch.StartNew();
            var retries = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var request = RawWrites.Create(row, context.Token);
                using var response = http.Send(request, cancellationToken);
                var status = (int)response.StatusCode;
                if (maxRetryTimeSeconds == 0 || !RetriedStatuses.Contains(status)
                    || watch.ElapsedMilliseconds >= maxRetryTimeSeconds * 1000L || retries >= RetryMax)
                {
                    // Success, or an ApiException the user's loop catches before going on to the next row.
                    break;
                }

                retries++;
                Thread.Sleep(RetryAfterMilliseconds(response));
            }
        }
    }

    private static int RetryAfterMilliseconds(HttpResponseMessage response)
    {
        // The SDK looks the header up by its exact name and parses it as an Int32 number of seconds. HttpClient normalises
        // the names of known headers, so the case cannot matter here; the simulator sends "Retry-After" as the platform does.
        foreach (var header in response.Headers)
        {
            if (header.Key == "Retry-After" && int.TryParse(header.Value.FirstOrDefault(), out var seconds))
            {
                return seconds * 1000;
            }
        }

        return 3000;
    }
}
