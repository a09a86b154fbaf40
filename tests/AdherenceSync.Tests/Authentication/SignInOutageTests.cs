using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Authentication;

/// <summary>A sign-in outage is paid once for the push, within a request's retry budget, not row by row.</summary>
public sealed class SignInOutageTests
{
    public static TheoryData<string, SimulatedFault, string> Outages => new()
    {
        { "500", SimulatedFault.Status(500), "answered HTTP 500 without a token" },
        { "200 not JSON", new SimulatedFault { StatusCode = 200, RawBody = "<html>maintenance</html>" }, "answered HTTP 200, but the token answer is not JSON" },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task Push_TokenEndpointKeepsFailing_HaltsWithinTheRequestBudgetAndTheRestAreNotAttempted(string label, SimulatedFault outage, string expected)
    {
        Assert.NotEmpty(label);
        using var harness = AccessTokenHandlerTests.CreateSut(s => s.Faults.SignIn = outage);
        var rows = SampleCohort.Generate(10, 2, harness.SimulatorOptions);
        var start = harness.Clock.Time.GetUtcNow();

        var report = await harness.PushAsync(rows);

        // One sign-in and its 4 retries for the whole push (the request budget: 5 attempts), then a halt.
        Assert.Equal(5, harness.Simulator.TokenRequests);
        Assert.DoesNotContain(harness.Simulator.Requests, r => r.AgentId is not null);
        Assert.Equal(10, report.NotAttempted);
        Assert.All(report.Rows, r => Assert.Contains(expected, r.Error));
        Assert.All(report.Rows, r => Assert.Contains("could not sign in after 5 attempts", r.Error));

        // Exponential backoff from 1 s, capped at 30 s, with jitter: well under a minute of (fake) time in all.
        Assert.InRange(harness.Clock.Time.GetUtcNow() - start, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}
