using AdherenceSync.Testing;

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
    public async Task RunAsync_RequestOnTheWire_WaitsForItsBodyBeforeJumping()
    {
        var driver = new FakeTimeDriver(step: TimeSpan.Zero, maxJump: TimeSpan.FromHours(1));
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

    private sealed class HeldHandler(Task release) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }
}
