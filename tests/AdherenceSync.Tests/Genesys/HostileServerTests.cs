using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AdherenceSync.Tests.Genesys;

/// <summary>Servers that misbehave get bounded, clear behaviour.</summary>
public sealed class HostileServerTests
{
    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("past-date")]
    public async Task Push_UnusableRetryAfter_FallsBackToTheComputedBackoffAndSucceeds(string retryAfter)
    {
        var clock = new FakeClock();
        var value = retryAfter == "past-date" ? clock.Time.GetUtcNow().AddMinutes(-5).ToString("r") : retryAfter;
        using var logs = new FakeLoggerProvider();
        using var harness = new Harness(s => s.Faults.AtRequest[1] = SimulatedFault.Throttle(value), clock: clock, logs: logs);
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Succeeded, report.Rows[0].Outcome);
        Assert.Equal(2, report.Rows[0].Attempts);
        var retry = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 5);
        var delay = TimeSpan.Parse(retry.StructuredState!.Single(p => p.Key == "Delay").Value!, CultureInfo.InvariantCulture);

        // The computed backoff for a first retry: base 1 s with Polly's decorrelated jitter, at most 1.93 s / 1.4.
        Assert.InRange(delay, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1.38));
    }

    [Fact]
    public async Task Push_OverflowingRetryAfterOnAFifthOfTheAnswers_SendsNothingInsideThePauseAndFailsTheRowsQuotingIt()
    {
        var clock = new FakeClock();
        using var harness = new Harness(
            s =>
            {
                for (var n = 3; n <= 40; n += 5)
                {
                    s.Faults.AtRequest[n] = SimulatedFault.Throttle("99999999999");
                }
            },
            clock: clock);
        var rows = SampleCohort.Generate(20, 4, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Empty(harness.Simulator.FindRetryAfterViolations());
        Assert.Equal(2, report.Succeeded);
        var throttled = report.Rows.Single(r => r.HttpStatus == 429);
        Assert.Contains("the server asked to wait '99999999999'", throttled.Error);
        Assert.Contains("longer than MaxRetryAfter (180 s); not retried", throttled.Error);
        Assert.All(report.Rows.Where(r => r.Outcome != RowOutcome.Succeeded && r.HttpStatus != 429), r => Assert.Contains("paused", r.Error));
    }

    [Fact]
    public async Task Push_RetryAfterDateFarInTheFuture_FailsTheRowQuotingTheWait()
    {
        var clock = new FakeClock();
        var until = clock.Time.GetUtcNow().AddDays(1);
        using var harness = new Harness(s => s.Faults.AtRequest[1] = SimulatedFault.Throttle(until.ToString("r")), clock: clock);
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = report.Rows[0];
        Assert.Equal(RowOutcome.Failed, row.Outcome);
        Assert.Contains($"the server asked to wait '{until:r}' (86400 s), longer than MaxRetryAfter (180 s); not retried", row.Error);
        Assert.Single(harness.Simulator.Requests);
    }

    [Fact]
    public async Task Push_50MegabyteErrorBody_IsReadOnlyTo64KilobytesAndTheRowIsRejected()
    {
        using var harness = new Harness();
        var huge = new byte[50 * 1024 * 1024];
        Array.Fill(huge, (byte)'x');
        harness.Simulator.Server
            .Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("/adherence/explanations$")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody(huge));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Rejected, report.Rows[0].Outcome);
        // The error quotes the first 200 characters of what was read, and no more.
        Assert.Equal("HTTP 400 body larger than 65536 bytes (not read past that): " + new string('x', 200), report.Rows[0].Error);
    }

    [Fact]
    public async Task Push_MalformedErrorBody_IsQuotedNotThrown()
    {
        using var harness = new Harness(s => s.Faults.AtRequest[1] = new SimulatedFault { StatusCode = 422, RawBody = "<html><body>Gateway says no</body></html>" });
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Rejected, report.Rows[0].Outcome);
        Assert.Equal("HTTP 422 malformed JSON body: <html><body>Gateway says no</body></html>", report.Rows[0].Error);
    }

    [Fact]
    public async Task Push_RedirectToAnotherHost_IsNotFollowedAndThatHostNeverSeesARequest()
    {
        using var elsewhere = WireMockServer.Start();
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        using var harness = new Harness();
        harness.Simulator.Server
            .Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("/adherence/explanations$")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", elsewhere.Url + "/steal"));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Failed, report.Rows[0].Outcome);
        Assert.Equal($"HTTP 307: redirected to {elsewhere.Url}/steal; redirects are not followed, so the token never goes to another host", report.Rows[0].Error);
        Assert.Empty(elsewhere.LogEntries);
    }

    [Fact]
    public async Task Push_BodyTrickledSlowerThanTheAttemptTimeout_IsCutOffAndTheRowSettled()
    {
        using var harness = new Harness(
            s => s.Faults.AtRequest[1] = SimulatedFault.Trickle(TimeSpan.FromMilliseconds(20)),
            c => c.Retry.AttemptTimeout = TimeSpan.FromSeconds(2));
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var report = await harness.PushAsync(rows);

        // The write landed before the body trickled: a query finds it, and it is not written again.
        Assert.Equal(RowOutcome.Succeeded, report.Rows[0].Outcome);
        Assert.Single(harness.Simulator.Writes);
        Assert.Equal(1, harness.Simulator.QueryCount);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Push_ServerThatAcceptsAndNeverAnswers_EndsBoundedAsOutcomeUnknownWithOneWrite()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new System.Collections.Concurrent.ConcurrentBag<TcpClient>();
        var token = TestContext.Current.CancellationToken;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    accepted.Add(await silent.AcceptTcpClientAsync(token));
                }
                catch (Exception)
                {
                    return;
                }
            }
        }, token);
        // Nothing answers, so fake time may run fast while requests hang: every wait here is a timeout.
        using var harness = new Harness(clock: new FakeClock(TimeSpan.FromMilliseconds(200)), client: c =>
        {
            c.BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
            c.Retry.AttemptTimeout = TimeSpan.FromSeconds(3);
        });
        var rows = SampleCohort.Generate(1, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var row = report.Rows[0];
        Assert.Equal(RowOutcome.Unknown, row.Outcome);
        Assert.StartsWith("outcome unknown: TimeoutRejectedException: ", row.Error);
        Assert.Contains("the query to check it failed: TimeoutRejectedException", row.Error);
        Assert.Equal(1, row.Attempts);
        foreach (var connection in accepted)
        {
            connection.Dispose();
        }
    }
}
