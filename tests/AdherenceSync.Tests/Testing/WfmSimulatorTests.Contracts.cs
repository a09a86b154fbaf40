using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdherenceSync.Genesys;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Testing;

/// <content>
/// An answer from each simulator route, read through the JSON contracts the library reads (GenesysJsonContext), with
/// the platform's job types and shapes: a simulator that drifted from the platform fails here.
/// </content>
public sealed partial class WfmSimulatorTests
{
    private static readonly string[] JobTypes = ["AddExplanation", "UpdateExplanation", "QueryAgentExplanations", "QueryBuExplanations"];

    [Fact]
    public async Task Write200_ReadsAsTheJobReferenceOnly()
    {
        var sut = CreateSut();

        var answer = await ReadAsync(await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body()), GenesysJsonContext.Default.ExplanationWriteResponse);

        Assert.Null(answer.AdherenceExplanation);
        Assert.Equal(("AddExplanation", "Complete"), (answer.Job!.Type, answer.Job.Status));
        Assert.Equal($"/api/v2/workforcemanagement/adherence/explanations/jobs/{answer.Job.Id}", answer.Job.SelfUri);
    }

    [Fact]
    public async Task Write202ThenPoll_ReadsAsAJobThatCompletesWithTheExplanation()
    {
        var sut = CreateSut(o => o.JobLatency = TimeSpan.FromSeconds(1));

        var accepted = await ReadAsync(await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body(), HttpStatusCode.Accepted), GenesysJsonContext.Default.ExplanationWriteResponse);
        _time.Advance(TimeSpan.FromSeconds(2));
        var job = await ReadAsync(await SendAsync(sut, HttpMethod.Get, accepted.Job!.SelfUri!.TrimStart('/'), null), GenesysJsonContext.Default.ExplanationJob);

        Assert.Equal(("AddExplanation", "Processing"), (accepted.Job.Type, accepted.Job.Status));
        Assert.Equal(("AddExplanation", "Complete"), (job.Type, job.Status));
        Assert.Equal(sut.Writes.Single().ExplanationId, job.AdherenceExplanation!.Id);
        Assert.Equal("agent-1", job.AdherenceExplanation.Agent!.Id);
    }

    [Fact]
    public async Task Write_JobShareOfAHalf_AnswersEverySecondWriteAsAJob()
    {
        var sut = CreateSut(o =>
        {
            o.JobLatency = TimeSpan.FromSeconds(1);
            o.JobShare = 0.5;
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await SendRawAsync(sut, HttpMethod.Post, Write($"agent-{i}"), Body())).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.Accepted], statuses);
    }

    [Fact]
    public async Task AgentQuery_ReadsAsAnInlineListing()
    {
        var sut = CreateSut();
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
        var sut = CreateSut();
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
        var sut = CreateSut(o => o.RequestsPerMinute = 1);
        await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body());

        using var response = await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body(1), (HttpStatusCode)429);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var error = JsonSerializer.Deserialize(text, GenesysJsonContext.Default.GenesysError)!;

        Assert.Equal(("too.many.requests.retry.after", 429), (error.Code, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32()));
        Assert.Equal("client.credentials.token.rate.per.minute", error.Limit!.Key);
    }

    [Fact]
    public async Task Write_WithAdminStatus_IsStoredWithIt_AndAnUnknownOneIsRefused()
    {
        var sut = CreateSut();

        await SendAsync(sut, HttpMethod.Post, Write("agent-1"), Body(status: "Approved"));
        using var refused = await SendRawAsync(sut, HttpMethod.Post, Write("agent-1"), Body(2, status: "Maybe"));

        Assert.Equal("Approved", sut.Writes.Single().Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static string Write(string agent) => $"api/v2/workforcemanagement/agents/{agent}/adherence/explanations";

    private static string Query(string agent) => $"api/v2/workforcemanagement/agents/{agent}/adherence/explanations/query";

    private static string Body(int start = 0, string? status = null)
        => $$"""{"type":"Late","startDate":"2026-11-27T08:{{start:D2}}:00.000Z","lengthMinutes":15{{(status is null ? string.Empty : $",\"status\":\"{status}\"")}}}""";

    private static string Window(string extra = "") => $$"""{{{extra}}"startDate":"2026-11-27T07:00:00.000Z","endDate":"2026-11-27T10:00:00.000Z"}""";

    private async Task<HttpResponseMessage> SendRawAsync(WfmSimulator simulator, HttpMethod method, string path, string? body, string? token = "t")
    {
        using var request = new HttpRequestMessage(method, new Uri(simulator.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

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
