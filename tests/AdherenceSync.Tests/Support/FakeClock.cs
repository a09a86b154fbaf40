namespace AdherenceSync.Tests.Support;

/// <summary>
/// A fake clock shared by client and simulator, driven while a task runs so that seconds of backoff and Retry-After pass
/// in milliseconds.
/// </summary>
/// <remarks>
/// Each turn waits a real millisecond or two, then advances fake time. When <see cref="IsIdle"/> says nothing is on the
/// wire, it jumps to the next pending timer, at most <see cref="MaxJump"/> at a time; otherwise it advances
/// <see cref="Step"/>, small against every timeout in the tests: a cold first request (JIT, new connection) can take a
/// real second, which must stay far below an attempt timeout in fake time, while a simulated stall still passes.
/// </remarks>
internal sealed class FakeClock
{
    public FakeClock(TimeSpan? step = null, TimeSpan? maxJump = null, Func<bool>? isIdle = null)
    {
        Step = step ?? TimeSpan.FromMilliseconds(10);
        MaxJump = maxJump ?? TimeSpan.FromSeconds(1);
        IsIdle = isIdle ?? (() => false);
    }

    public TimerTrackingTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public TimeSpan Step { get; }

    public TimeSpan MaxJump { get; }

    public Func<bool> IsIdle { get; set; }

    /// <summary>A clock for code that makes progress only through timers (no I/O): it jumps straight to each one.</summary>
    public static FakeClock TimersOnly() => new(TimeSpan.Zero, TimeSpan.MaxValue, () => true);

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
            // Let continuations settle, so that a timer about to be set is set before the next jump.
            await Task.Yield();
            await Task.Delay(1);
            if (task.IsCompleted)
            {
                break;
            }

            var now = Time.GetUtcNow();
            if (IsIdle() && Time.NextDue is { } due && due > now)
            {
                Time.Advance(due - now < MaxJump ? due - now : MaxJump);
            }
            else if (Step > TimeSpan.Zero)
            {
                Time.Advance(Step);
            }

            if (watchdog.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The task did not finish within 2 real minutes ({Time.GetUtcNow() - Time.Start} of fake time).");
            }
        }
    }
}
