using System.Diagnostics;
using AdherenceSync.Testing.Time;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Testing;

/// <summary>
/// Drives a <see cref="FakeTimeProvider"/> while a push runs, so that seconds of backoff, pacing and Retry-After pass in
/// milliseconds of real time.
/// </summary>
/// <remarks>
/// <para>
/// Give <see cref="Time"/> to the client and to the simulator, add <see cref="CreateHandler"/> to the client's
/// <see cref="HttpClient"/>s (for example with <c>services.ConfigureHttpClientDefaults(h =&gt;
/// h.AddHttpMessageHandler(driver.CreateHandler))</c>), and await the push through <see cref="RunAsync{T}(Task{T})"/>.
/// </para>
/// <para>
/// Fake time moves only when the code under test waits on it: nothing on the wire (or every request on the wire held
/// by the simulator on this clock, such as a stall or a latency), and the timers unchanged for
/// <see cref="QuietTurns"/> turns of a real millisecond, so that work still running sets its timer before the jump. It
/// then jumps to the next timer, at most <see cref="MaxJump"/>. A loaded machine changes how long a test takes, not the
/// schedule it sees. A server that stalls in real time (not on this clock) needs a <see cref="Step"/>: fake time then
/// also moves by that much per turn while requests are on the wire.
/// </para>
/// </remarks>
public sealed class FakeTimeDriver
{
    private readonly TimerTrackingTimeProvider _time;
    private readonly WireTracker _wire = new();
    private bool _handlerCreated;
    private int _quiet;
    private long _lastVersion = -1;

    /// <summary>Initializes a new instance of the <see cref="FakeTimeDriver"/> class.</summary>
    /// <param name="step">Fake time added per turn while a request is on the wire and not held by the simulator; none when
    /// <see langword="null"/>. Give one only for a server that stalls in real time.</param>
    /// <param name="maxJump">The longest jump to the next timer when the wire is quiet; 1 s when <see langword="null"/>.</param>
    /// <param name="isIdle">Says when nothing is on the wire; when <see langword="null"/>, the handlers of
    /// <see cref="CreateHandler"/> say it (and, before one is created, the wire is never idle).</param>
    public FakeTimeDriver(TimeSpan? step = null, TimeSpan? maxJump = null, Func<bool>? isIdle = null)
    {
        Step = step ?? TimeSpan.Zero;
        MaxJump = maxJump ?? TimeSpan.FromSeconds(1);
        IsIdle = isIdle ?? (() => _handlerCreated && _wire.OnTheWire <= HeldBySimulator);
        _time = new TimerTrackingTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        Start = _time.GetUtcNow();
    }

    /// <summary>Gets the fake clock to share with the client and the simulator.</summary>
    /// <value>A <see cref="FakeTimeProvider"/> that starts at 2026-11-29 09:00 UTC.</value>
    public FakeTimeProvider Time => _time;

    /// <summary>Gets the fake time the driver started at.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the fake time added per turn while a request is on the wire and not held by the simulator.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>: fake time waits for the wire.</value>
    public TimeSpan Step { get; }

    /// <summary>
    /// Gets how many requests the simulator holds on this clock (a stall, a latency, a trickled body): requests on the
    /// wire that wait for fake time, so that it may move. A custom <see cref="IsIdle"/> compares its own count with it.
    /// </summary>
    public int HeldBySimulator => _time.Held;

    /// <summary>Gets or sets how many turns in a row the timers must stay unchanged, with the wire quiet, before a jump.</summary>
    /// <value>The default value is 3.</value>
    public int QuietTurns { get; set; } = 3;

    /// <summary>Gets the longest jump to the next timer when the wire is quiet.</summary>
    /// <value>The default value is 1 s.</value>
    public TimeSpan MaxJump { get; }

    /// <summary>Gets or sets what says that nothing is on the wire but requests the simulator holds on this clock.</summary>
    public Func<bool> IsIdle { get; set; }

    /// <summary>Gets or sets how long, in real time, a driven task may take before <see cref="TimeoutException"/>.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan RealTimeLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A driver for code that makes progress through timers only (no I/O): it jumps straight to each one.</summary>
    /// <returns>A driver with no step, no jump limit and a wire that is always quiet.</returns>
    public static FakeTimeDriver TimersOnly() => new(TimeSpan.Zero, TimeSpan.MaxValue, () => true) { QuietTurns = 1 };

    /// <summary>Creates a handler that tells the driver when a request is on the wire.</summary>
    /// <returns>A new handler; add one to each <see cref="HttpClient"/> pipeline of the code under test.</returns>
    public DelegatingHandler CreateHandler()
    {
        _handlerCreated = true;
        return _wire.CreateHandler();
    }

    /// <summary>Drives fake time until <paramref name="task"/> ends, then returns its result.</summary>
    /// <typeparam name="T">The type of the task's result.</typeparam>
    /// <param name="task">The running task, such as a push.</param>
    /// <returns>The task's result.</returns>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        await RunAsync((Task)task).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Drives fake time until <paramref name="task"/> ends.</summary>
    /// <param name="task">The running task.</param>
    /// <returns>A task that ends when <paramref name="task"/> has ended (it does not rethrow its exception).</returns>
    /// <exception cref="TimeoutException">The task took longer than <see cref="RealTimeLimit"/> of real time.</exception>
    public async Task RunAsync(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var watchdog = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            // Let continuations settle, so that a timer about to be set is set before the next jump.
            await Task.Yield();
            await Task.Delay(1).ConfigureAwait(false);
            if (task.IsCompleted)
            {
                break;
            }

            Turn();
            if (watchdog.Elapsed > RealTimeLimit)
            {
                throw new TimeoutException($"The task did not finish within {RealTimeLimit} of real time ({_time.GetUtcNow() - Start} of fake time).");
            }
        }
    }

    private void Turn()
    {
        var idle = IsIdle();
        var version = _time.Version;
        _quiet = idle && version == _lastVersion ? _quiet + 1 : 0;
        _lastVersion = version;
        var now = _time.GetUtcNow();
        if (_quiet >= QuietTurns && _time.NextDue is { } due && due > now)
        {
            _time.Advance(due - now < MaxJump ? due - now : MaxJump);
            _quiet = 0;
        }
        else if (!idle && Step > TimeSpan.Zero)
        {
            _time.Advance(Step);
        }
    }
}
