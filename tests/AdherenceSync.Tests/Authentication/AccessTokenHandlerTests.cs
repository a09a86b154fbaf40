using System.Net;
using System.Text;
using AdherenceSync.Client;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdherenceSync.Tests.Authentication;

public sealed class AccessTokenHandlerTests
{
    private const string Secret = "s3cr3t-Value-That-Must-Not-Leak";

    [Fact]
    public async Task Send_FiftyConcurrentRequestsWithAnExpiredToken_MakeExactlyOneTokenRequest()
    {
        using var harness = CreateSut(s => s.TokenLifetime = TimeSpan.FromSeconds(120));
        var http = harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient(AdherenceSyncRegistry.HttpClientName(string.Empty));
        using (var first = await http.SendAsync(Write(0), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.Equal(1, harness.Simulator.TokenRequests);

        harness.Clock.Time.Advance(TimeSpan.FromSeconds(61)); // past expires_in minus the 60 s margin
        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => http.SendAsync(Write(i), TestContext.Current.CancellationToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, harness.Simulator.TokenRequests);
        Assert.Equal(2, harness.Simulator.Requests.Where(r => r.Token is not null).Select(r => r.Token).Distinct().Count());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Push_TokenRevokedMidRun_IsRefreshedOnceAndNoRowIsLost()
    {
        using var harness = CreateSut();
        var rows = SampleCohort.Generate(30, 3, harness.SimulatorOptions);
        var acted = false; // progress is coalesced, so a count can be skipped: act once at or past it
        var progress = new SyncProgress<PushProgress>(p =>
        {
            if (p.Completed >= 10 && !acted)
            {
                acted = true;
                harness.Simulator.ExpireTokens();
            }
        });

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, new PushOptions { Progress = progress }, TestContext.Current.CancellationToken));

        Assert.Equal(30, report.Succeeded);
        Assert.Equal(2, harness.Simulator.TokenRequests);
        Assert.Single(harness.Simulator.Requests, r => r.StatusCode == 401);
        Assert.Equal(30, harness.Simulator.Writes.Count);
        Assert.Empty(harness.Simulator.FindDuplicateWrites());
    }

    [Fact]
    public async Task Push_TokenNearExpiry_IsRefreshedBeforeItExpiresWithoutA401()
    {
        using var harness = CreateSut(
            s =>
            {
                s.TokenLifetime = TimeSpan.FromSeconds(90);
                s.Orgs[0] = new SimulatorOrg { Name = "contoso", ClientId = "contoso-client", ClientSecret = Secret, RequestsPerMinute = 60 };
            },
            c => c.Pacing.RequestsPerMinute = 60);
        var rows = SampleCohort.Generate(45, 3, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(45, report.Succeeded);
        Assert.True(harness.Simulator.TokenRequests >= 2, $"{harness.Simulator.TokenRequests} token requests");
        Assert.DoesNotContain(harness.Simulator.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task Push_WrongSecret_HaltsWithAClearErrorThatDoesNotContainTheSecret()
    {
        const string WrongSecret = "wr0ng-Secret-Value-Must-Not-Leak";
        using var harness = CreateSut(configureClient: c => c.ClientCredentials.ClientSecret = WrongSecret);
        var rows = SampleCohort.Generate(8, 2, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(8, report.NotAttempted);
        Assert.NotNull(report.HaltReason);
        Assert.Contains("refused the client credentials of client 'contoso-client' (HTTP 401 invalid_client: Invalid client credentials.)", report.HaltReason);
        Assert.DoesNotContain(WrongSecret, report.HaltReason);
        Assert.All(report.Rows, r => Assert.DoesNotContain(WrongSecret, r.Error ?? string.Empty));
        Assert.Equal(1, harness.Simulator.TokenRequests);
        Assert.DoesNotContain(harness.Simulator.Requests, r => r.Path.Contains("/agents/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_401AgainAfterARefresh_RetriesOnceThenHalts()
    {
        using var harness = CreateSut(s => s.Faults.ForAgent["agent-01-001"] = SimulatedFault.Status(401, "bad.credentials", "Invalid login credentials."));
        var rows = SampleCohort.Generate(4, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.Equal(RowOutcome.Failed, report.Rows[0].Outcome);
        Assert.Equal(401, report.Rows[0].HttpStatus);
        Assert.All(report.Rows.Skip(1), r => Assert.Equal(RowOutcome.NotAttempted, r.Outcome));
        Assert.Equal(2, harness.Simulator.TokenRequests);
        Assert.Equal(2, harness.Simulator.Requests.Count(r => r.AgentId == "agent-01-001"));
        Assert.StartsWith("HTTP 401 bad.credentials", report.HaltReason);
    }

    [Fact]
    public void ToString_OfOptions_NeverShowsTheSecretOrTheToken()
    {
        var options = new AdherenceSyncOptions { AccessToken = "tok-123-secret", ClientCredentials = { ClientId = "id", ClientSecret = Secret } };

        var text = options.ToString();

        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("tok-123-secret", text);
        Assert.Contains("ClientSecret=(set)", text);
    }

    /// <summary>A harness whose client signs in to the simulator's org with client credentials.</summary>
    internal static Harness CreateSut(
        Action<WfmSimulatorOptions>? configureSimulator = null, Action<AdherenceSyncOptions>? configureClient = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
        => Harness.Ample(
            s =>
            {
                s.Orgs.Add(new SimulatorOrg { Name = "contoso", ClientId = "contoso-client", ClientSecret = Secret });
                configureSimulator?.Invoke(s);
            },
            c =>
            {
                c.AccessToken = null;
                c.ClientCredentials.ClientId = "contoso-client";
                c.ClientCredentials.ClientSecret = Secret;
                configureClient?.Invoke(c);
            },
            logs: logs);

    private static HttpRequestMessage Write(int minute) => new(HttpMethod.Post, "api/v2/workforcemanagement/agents/agent-1/adherence/explanations")
    {
        Content = new StringContent($$"""{"type":"Late","startDate":"2026-11-27T08:{{minute:D2}}:00.000Z","lengthMinutes":5}""", Encoding.UTF8, "application/json"),
    };
}
