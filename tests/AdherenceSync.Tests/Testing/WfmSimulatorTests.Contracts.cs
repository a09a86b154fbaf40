using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdherenceSync.Genesys;
using AdherenceSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Testing;

/// <summary>
/// An answer from each simulator route, read through the JSON contracts the library reads (GenesysJsonContext), with
/// the platform's job types and shapes: a simulator that drifted from the platform fails here.
/// </summary>
public sealed class SimulatorContractTests : IDisposable
{
    private static readonly string[] JobTypes = ["AddExplanation", "UpdateExplanation", "QueryAgentExplanations", "QueryBuExplanations"];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private WfmSimulator? _simulator;

    public void Dispose()
    {
        _http.Dispose();
        _simulator?.Dispose();
    }

    [Fact]
    public async Task Write200_ReadsAsTheJobReferenceOnly()
    {
        var sut = Start();

        var answer = await ReadAsync(await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body()), GenesysJsonContext.Default.ExplanationWriteResponse);

        Assert.Null(answer.AdherenceExplanation);
        Assert.Equal(("AddExplanation", "Complete"), (answer.Job!.Type, answer.Job.Status));
        Assert.Equal($"/api/v2/workforcemanagement/adherence/explanations/jobs/{answer.Job.Id}", answer.Job.SelfUri);
    }

    [Fact]
    public async Task Write202ThenPoll_ReadsAsAJobThatCompletesWithTheExplanation()
    {
        var sut = Start(o => o.JobLatency = TimeSpan.FromSeconds(1));

        var accepted = await ReadAsync(await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body(), HttpStatusCode.Accepted), GenesysJsonContext.Default.ExplanationWriteResponse);
        _time.Advance(TimeSpan.FromSeconds(2));
        var job = await ReadAsync(await SendAsync(sut, HttpMethod.Get, accepted.Job!.SelfUri!.TrimStart('/'), null), GenesysJsonContext.Default.ExplanationJob);

        Assert.Equal(("AddExplanation", "Processing"), (accepted.Job.Type, accepted.Job.Status));
        Assert.Equal(("AddExplanation", "Complete"), (job.Type, job.Status));
        Assert.Equal(sut.Writes.Single().ExplanationId, job.AdherenceExplanation!.Id);
        Assert.Equal("agent-1", job.AdherenceExplanation.Agent!.Id);
    }

    [Fact]
    public async Task AgentQuery_ReadsAsAnInlineListing()
    {
        var sut = Start();
        await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body());

        var answer = await ReadAsync(await SendAsync(sut, HttpMethod.Post, Query("agent-1"), Window()), GenesysJsonContext.Default.ExplanationQueryResponse);

        var explanation = Assert.Single(answer.Result!.Entities!);
        Assert.Equal((sut.Writes.Single().ExplanationId, "Pending", 15), (explanation.Id, explanation.Status, explanation.LengthMinutes));
    }

    [Theory]
    [InlineData(false, "QueryAgentExplanations")]
    [InlineData(true, "QueryBuExplanations")]
    public async Task QueryWithForceAsync_ReadsAsAJobWhoseDownloadServesTheListing(bool businessUnit, string type)
    {
        var sut = Start();
        await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body());
        var path = businessUnit ? "api/v2/workforcemanagement/businessunits/bu-simulated/adherence/explanations/query" : Query("agent-1");
        var body = businessUnit ? Window("\"agentIds\":[\"agent-1\"],") : Window();

        var started = await ReadAsync(await SendAsync(sut, HttpMethod.Post, path + "?forceAsync=true", body), GenesysJsonContext.Default.ExplanationQueryResponse);
        _time.Advance(TimeSpan.FromSeconds(1));
        var job = await ReadAsync(await SendAsync(sut, HttpMethod.Get, started.Job!.SelfUri!.TrimStart('/'), null), GenesysJsonContext.Default.ExplanationJob);
        using var download = await _http.GetAsync(new Uri(job.DownloadUrl!), TestContext.Current.CancellationToken);
        var listing = await ReadAsync(download, GenesysJsonContext.Default.ExplanationListing);

        Assert.Null(started.Result);
        Assert.Equal((type, "Processing"), (started.Job.Type, started.Job.Status));
        Assert.Contains(job.Type, JobTypes);
        Assert.Equal("Complete", job.Status);
        Assert.Equal(sut.Writes.Single().ExplanationId, Assert.Single(listing.Entities!).Id);
    }

    [Fact]
    public async Task Throttled_ReadsAsThePlatformsErrorBodyWithItsLimit()
    {
        var sut = Start(o => o.RequestsPerMinute = 1);
        await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body());

        var error = await ReadAsync(await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body(1), (HttpStatusCode)429), GenesysJsonContext.Default.GenesysError);

        Assert.Equal(("too.many.requests.retry.after", 429), (error.Code, error.Status));
        Assert.Equal("client.credentials.token.rate.per.minute", error.Limit!.Key);
    }

    [Fact]
    public async Task Write_WithAdminStatus_IsStoredWithIt_AndAnUnknownOneIsRefused()
    {
        var sut = Start();

        await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body(status: "Approved"));
        using var refused = await SendRawAsync(sut, HttpMethod.Post, Write("agent-1"), Body(2, status: "Maybe"));

        Assert.Equal("Approved", sut.Writes.Single().Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private WfmSimulator Start(Action<WfmSimulatorOptions>? configure = null)
    {
        _simulator = WfmSimulator.Start(o =>
        {
            o.TimeProvider = _time;
            configure?.Invoke(o);
        });
        return _simulator;
    }

    private static string Write(string agent) => $"api/v2/workforcemanagement/agents/{agent}/adherence/explanations";

    private static string Query(string agent) => $"api/v2/workforcemanagement/agents/{agent}/adherence/explanations/query";

    private static string Body(int start = 0, string? status = null)
        => $$"""{"type":"Late","startDate":"2026-11-27T08:{{start:D2}}:00.000Z","lengthMinutes":15{{(status is null ? string.Empty : $",\"status\":\"{status}\"")}}}""";

    private static string Window(string extra = "") => $$"""{{{extra}}"startDate":"2026-11-27T07:00:00.000Z","endDate":"2026-11-27T10:00:00.000Z"}""";

    private async Task<HttpResponseMessage> SendRawAsync(WfmSimulator simulator, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(simulator.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(WfmSimulator simulator, HttpMethod method, string path, string? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendRawAsync(simulator, method, path, body);
        Assert.Equal(expected, response.StatusCode);
        return response;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract)
    {
        using (response)
        {
            return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), contract)!;
        }
    }
}
