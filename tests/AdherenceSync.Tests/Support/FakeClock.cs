using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> shared by client and simulator, advanced in small steps while a task runs, so that
/// seconds of backoff and Retry-After pass in milliseconds. Steps are small against every timeout in the tests, so a
/// request on the wire never sees its attempt time out.
/// </summary>
internal sealed class FakeClock
{
    public FakeClock(TimeSpan? step = null)
    {
        Step = step ?? TimeSpan.FromMilliseconds(50);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public TimeSpan Step { get; }

    public async Task<T> RunAsync<T>(Task<T> task)
    {
        await DriveAsync(task);
        return await task;
    }

    public async Task DriveAsync(Task task)
    {
        var watchdog = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            await Task.Delay(1);
            Time.Advance(Step);
            if (watchdog.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The task did not finish within 2 real minutes ({Time.GetUtcNow() - Time.Start} of fake time).");
            }
        }
    }
}
