using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Testing;

public sealed class FakeTimeDriverTests
{
    [Fact]
    public async Task RunAsync_TimersOnly_JumpsStraightToTheTimer()
    {
        var driver = FakeTimeDriver.TimersOnly();

        await driver.RunAsync(Task.Delay(TimeSpan.FromMinutes(5), driver.Time, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromMinutes(5), driver.Time.GetUtcNow() - driver.Start);
    }

    [Fact]
    public async Task RunAsync_WireBusy_StepsInsteadOfJumping()
    {
        var driver = new FakeTimeDriver(step: TimeSpan.FromMilliseconds(100), isIdle: () => false);

        await driver.RunAsync(Task.Delay(TimeSpan.FromSeconds(1), driver.Time, TestContext.Current.CancellationToken));

        // Ten steps of 100 ms reach the timer; a jump would have been one turn, a step more than 100 ms would overshoot.
        var elapsed = driver.Time.GetUtcNow() - driver.Start;
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.1));
    }

    [Fact]
    public async Task RunAsync_NoHandlerCreated_NeverCountsTheWireIdle()
    {
        var driver = new FakeTimeDriver(step: TimeSpan.Zero, maxJump: TimeSpan.FromHours(1));
        var delay = Task.Delay(TimeSpan.FromSeconds(1), driver.Time, TestContext.Current.CancellationToken);
        driver.RealTimeLimit = TimeSpan.FromMilliseconds(100);

        // With no step and the wire never idle, fake time cannot move: the watchdog ends the run.
        await Assert.ThrowsAsync<TimeoutException>(() => driver.RunAsync(delay));
        Assert.Equal(driver.Start, driver.Time.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_RequestOnTheWire_FakeTimeWaitsForItsBodyBeforeJumping()
    {
        // The default driver: fake time never moves while a request is on the wire and not held by the simulator.
        var driver = new FakeTimeDriver(maxJump: TimeSpan.FromHours(1));
        var release = new TaskCompletionSource();
        var handler = driver.CreateHandler();
        handler.InnerHandler = new HeldHandler(release.Task);
        using var http = new HttpClient(handler);
        var send = http.GetAsync(new Uri("http://localhost/"), TestContext.Current.CancellationToken);
        var timer = Task.Delay(TimeSpan.FromSeconds(30), driver.Time, TestContext.Current.CancellationToken);
        driver.RealTimeLimit = TimeSpan.FromMilliseconds(100);

        await Assert.ThrowsAsync<TimeoutException>(() => driver.RunAsync(timer));
        Assert.Equal(driver.Start, driver.Time.GetUtcNow());

        release.SetResult();
        (await send).Dispose();
        driver.RealTimeLimit = TimeSpan.FromSeconds(10);
        await driver.RunAsync(timer);
        Assert.Equal(TimeSpan.FromSeconds(30), driver.Time.GetUtcNow() - driver.Start);
    }

    [Fact]
    public async Task RunAsync_RequestHeldBySimulatorOnTheFakeClock_FakeTimePassesWhileItIsOnTheWire()
    {
        using var harness = new Harness(s => s.WriteLatency = TimeSpan.FromSeconds(20), c => c.Retry.AttemptTimeout = TimeSpan.FromMinutes(1));

        var report = await harness.PushAsync(SampleCohort.Generate(1, queues: 1, harness.SimulatorOptions));

        // The write waits 20 s of the simulator's clock, on the wire all along: the driver jumps through it.
        Assert.Equal(1, report.Succeeded);
        Assert.Equal(TimeSpan.Zero, harness.Clock.Step);
        Assert.InRange(harness.Simulator.Writes.Single().AppliedAt - harness.Clock.Start, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(21));
    }

    private sealed class HeldHandler(Task release) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }
}
