using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Pacing;

/// <summary>
/// The client is not told the server's budget (120 a minute). With rate-limit headers it learns it before the first 429;
/// without them it learns it from the first few 429s, and then sends no more into a full window.
/// </summary>
public sealed class HeaderPacingTests
{
    private const int Rows = 150;

    [Fact]
    public async Task Push_TokenBucketWithIetfHeaders_No429WhereWithoutHeadersAFewTeachTheBudget()
    {
        var withHeaders = await PushAsync(headers: true, window: null);
        var withoutHeaders = await PushAsync(headers: false, window: null);

        TestContext.Current.TestOutputHelper?.WriteLine($"token bucket 120/min, {Rows} rows: 429s with headers {withHeaders}, without {withoutHeaders}");
        // 0 when the machine is idle (8 of 8 runs). The fake clock steps while real HTTP work runs, so on a loaded CI
        // machine one request can reach the simulator late in fake time and bunch with the next: 1 was seen once.
        // Without headers 7 or 8 teach the budget on an idle machine (5 of 5 runs); a fresh clone's full, cold run saw 4.
        // Fewer is not worse: what the test holds is that the headers spare the 429s the bare bucket needs to be learned.
        // Since the learned allowance is probed upward (so that a limit that rises is found), a probe past this steady
        // limit costs one more 429, after 16, 32 and 64 accepted requests: 10 or 11 were seen (2026-12-07). A probe asks for
        // three times the allowance (one probe finds a fixed window's threefold rise); on this bucket, whose refill makes a
        // span take more than its burst, that costs a few more: 13 to 15 in 9 runs (2026-12-07, 16:00 UTC). Without the
        // CUBIC rate, a 429 after a span that held the whole allowance lowers it by one instead (the bucket's refill is
        // slower than its burst): 18 to 20 in 6 runs, and the push takes 75.5 s of fake time instead of 124.9 s (the
        // bucket allows 150 in 75 s). Measured with runs of this push alone, 2026-12-07 20:50 UTC.
        Assert.InRange(withHeaders, 0, 1);
        Assert.InRange(withoutHeaders, 3, 22);
        Assert.True(withoutHeaders > withHeaders + 1, $"with headers {withHeaders}, without {withoutHeaders}");
    }

    [Fact]
    public async Task Push_GenesysWindowWithIninHeaders_No429WhereWithoutHeadersAFewTeachTheWindow()
    {
        var withHeaders = await PushAsync(headers: true, window: TimeSpan.FromSeconds(60));
        var withoutHeaders = await PushAsync(headers: false, window: TimeSpan.FromSeconds(60));

        TestContext.Current.TestOutputHelper?.WriteLine($"60 s window of 120, {Rows} rows, 4 queues at once: 429s with inin headers {withHeaders}, without {withoutHeaders}");
        // With headers, none: four sends on the wire together reach the server in any order, and an answer read later that
        // says one more is left (it was counted before a send on the wire beside it) no longer raises what is left.
        Assert.Equal(0, withHeaders);
        Assert.InRange(withoutHeaders, 1, 6);
    }

    [Fact]
    public async Task Push_MalformedHeaders_AreIgnoredAndThePushSucceeds()
    {
        using var harness = Harness.Ample();
        harness.Simulator.Server
            .Given(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("/agents/.*/adherence/explanations$")).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create()
                .WithStatusCode(200)
                .WithHeader("inin-ratelimit-count", "lots")
                .WithHeader("inin-ratelimit-allowed", "-1")
                .WithHeader("inin-ratelimit-reset", "soon")
                .WithHeader("RateLimit", "\"default\";r=;t=x")
                .WithBody("""{"job":{"id":"j1","status":"Complete"},"adherenceExplanation":{"id":"e1"}}"""));
        var rows = SampleCohort.Generate(5, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(5, report.Succeeded);
    }

    private static async Task<int> PushAsync(bool headers, TimeSpan? window)
    {
        using var harness = new Harness(
            s =>
            {
                s.RequestsPerMinute = 120;
                s.RateLimitWindow = window;
                s.RateLimitHeaders = headers;
            },
            c => c.MaxParallelQueues = 4);
        var rows = SampleCohort.Generate(Rows, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(Rows, report.Succeeded);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
        return harness.Simulator.ThrottledCount;
    }
}
