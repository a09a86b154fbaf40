using System.Text.Json;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace AdherenceSync.Tests.Authentication;

/// <summary>Neither the client secret nor any access token appears in logs (Trace included), exception messages or reports.</summary>
public sealed class SecretsTests
{
    private const string Secret = "s3cr3t-Value-That-Must-Not-Leak";

    [Fact]
    public async Task Push_ClientCredentialsThroughRefreshesAndFaults_NeverLeaksTheSecretOrATokenAnywhere()
    {
        using var logs = new FakeLoggerProvider();
        using var harness = CreateSut(logs, s =>
        {
            s.Faults.AtRequest[3] = SimulatedFault.Throttle("1");
            s.Faults.AtRequest[5] = SimulatedFault.Status(503);
            s.Faults.AtRequest[7] = SimulatedFault.Drop();
            s.Faults.ForAgent["agent-02-001"] = SimulatedFault.Status(422, "bad.request", "Rejected on purpose.");
        });
        var rows = SampleCohort.Generate(40, 4, harness.SimulatorOptions);
        var acted = false; // progress is coalesced, so a count can be skipped: act once at or past it
        var progress = new SyncProgress<PushProgress>(p =>
        {
            if (p.Completed >= 20 && !acted)
            {
                acted = true;
                harness.Simulator.ExpireTokens();
            }
        });

        var report = await harness.Clock.RunAsync(harness.Client.PushAsync(rows, new PushOptions { Progress = progress }, TestContext.Current.CancellationToken));

        var tokens = IssuedTokens(harness);
        Assert.Equal(2, tokens.Length); // one refresh after the revocation: the test really saw two tokens
        Assert.Contains(report.Rows, r => r.Outcome == RowOutcome.Rejected);
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Id.Name == "TokenRefreshedAfter401");
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Id.Name == "Answered"); // Debug records were captured
        AssertNoSecret(Everything(logs, report), tokens);
    }

    [Fact]
    public async Task Push_401AfterARefreshHalts_NeverLeaksTheSecretOrATokenAnywhere()
    {
        using var logs = new FakeLoggerProvider();
        using var harness = CreateSut(logs, s => s.Faults.ForAgent["agent-01-002"] = SimulatedFault.Status(401, "bad.credentials", "Invalid login credentials."));
        var rows = SampleCohort.Generate(10, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        Assert.NotNull(report.HaltReason);
        AssertNoSecret(Everything(logs, report), IssuedTokens(harness));
    }

    [Fact]
    public async Task Push_WrongSecret_NeverLeaksTheSecretAnywhere()
    {
        const string WrongSecret = "wr0ng-Secret-Value-Must-Not-Leak";
        using var logs = new FakeLoggerProvider();
        using var harness = CreateSut(logs, configureClient: c => c.ClientCredentials.ClientSecret = WrongSecret);
        var rows = SampleCohort.Generate(4, 1, harness.SimulatorOptions);

        var report = await harness.PushAsync(rows);

        var everything = Everything(logs, report);
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Id.Name == "Halted" && r.Message.Contains("refused the client credentials", StringComparison.Ordinal));
        Assert.DoesNotContain(WrongSecret, everything);
        AssertNoSecret(everything, []);
    }

    private static void AssertNoSecret(string everything, string[] tokens)
    {
        Assert.DoesNotContain(Secret, everything);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"contoso-client:{Secret}")), everything);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, everything);
        }
    }

    /// <summary>Every log record (message, state, exception with its stack) and the report, as one text.</summary>
    private static string Everything(FakeLoggerProvider logs, PushReport report)
    {
        var records = logs.Collector.GetSnapshot();

        // IHttpClientFactory's own logging is removed from the client's HttpClients: its Trace records carry raw header
        // values, the bearer token's included, in their structured state.
        Assert.DoesNotContain(records, r => r.Category!.StartsWith("System.Net.Http.HttpClient.AdherenceSync", StringComparison.Ordinal));
        var lines = records.Select(r => string.Join(" | ",
            r.Category,
            r.Message,
            string.Join(";", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []),
            r.Exception?.ToString() ?? string.Empty));
        var errors = report.Rows.Select(r => r.Error ?? string.Empty);
        return string.Join(Environment.NewLine, [.. lines, .. errors, report.HaltReason ?? string.Empty, JsonSerializer.Serialize(report)]);
    }

    private static string[] IssuedTokens(Harness harness)
        => [.. harness.Simulator.Requests.Select(r => r.Token).OfType<string>().Distinct()];

    private static Harness CreateSut(FakeLoggerProvider logs, Action<WfmSimulatorOptions>? configureSimulator = null, Action<AdherenceSyncOptions>? configureClient = null)
        => AccessTokenHandlerTests.CreateSut(configureSimulator, configureClient, logs);
}
