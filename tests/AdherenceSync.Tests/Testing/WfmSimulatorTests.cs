using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Testing;

public sealed partial class WfmSimulatorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private WfmSimulator? _simulator;

    public void Dispose()
    {
        _http.Dispose();
        _simulator?.Dispose();
    }

    [Fact]
    public async Task Write_ValidBody_IsAppliedAndAnsweredWithTheCompleteJobReferenceOnly()
    {
        var sut = CreateSut();

        using var response = await PostAsync(sut, "agent-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        // As the platform's AdherenceExplanationAsyncResponse: { job: { id, type, status, selfUri } }, no explanation.
        Assert.Equal(["job"], body.AsObject().Select(p => p.Key));
        Assert.Equal(("AddExplanation", "Complete"), ((string?)body["job"]!["type"], (string?)body["job"]!["status"]));
        Assert.StartsWith("/api/v2/workforcemanagement/adherence/explanations/jobs/", (string?)body["job"]!["selfUri"], StringComparison.Ordinal);
        var write = Assert.Single(sut.Writes);
        Assert.Equal("Pending", write.Status);
        Assert.Equal(("agent-1", "Late", 15, "q-1"), (write.AgentId, write.Type, write.LengthMinutes, write.QueueId));
    }

    [Fact]
    public async Task Write_OverTheTokensBudget_Answers429WithRetryAfterAndThePlatformsBody()
    {
        var sut = CreateSut(o => o.RequestsPerMinute = 60);

        using var first = await PostAsync(sut, "agent-1");
        using var second = await PostAsync(sut, "agent-1", start: 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());
        var body = JsonNode.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("too.many.requests.retry.after", (string?)body["code"]);
        Assert.Equal(429, (int?)body["status"]);
        Assert.Single(sut.Writes);
    }

    [Fact]
    public async Task Write_BudgetRefillsOnTheSimulatorsClock()
    {
        var sut = CreateSut(o => o.RequestsPerMinute = 60);
        using var first = await PostAsync(sut, "agent-1");

        _time.Advance(TimeSpan.FromSeconds(1));
        using var second = await PostAsync(sut, "agent-1", start: 1);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Write_PerQueueLimit_ThrottlesOnlyThatQueue()
    {
        var sut = CreateSut(o =>
        {
            o.QueueRequestsPerMinute = 60;
            o.AgentQueues["agent-2"] = "q-2";
        });

        using var a = await PostAsync(sut, "agent-1");
        using var b = await PostAsync(sut, "agent-1", start: 1);
        using var c = await PostAsync(sut, "agent-2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], new[] { a.StatusCode, b.StatusCode, c.StatusCode });
    }

    [Fact]
    public async Task FindRetryAfterViolations_RequestInsideTheWindow_IsFoundAndOneAfterItIsNot()
    {
        var sut = CreateSut(o => o.RequestsPerMinute = 60);
        (await PostAsync(sut, "agent-1")).Dispose();
        (await PostAsync(sut, "agent-1", start: 1)).Dispose(); // 429, Retry-After 1 s

        _time.Advance(TimeSpan.FromMilliseconds(400));
        (await PostAsync(sut, "agent-1", start: 2)).Dispose(); // too early
        _time.Advance(TimeSpan.FromSeconds(1));
        (await PostAsync(sut, "agent-1", start: 3)).Dispose(); // after the window

        var violation = Assert.Single(sut.FindRetryAfterViolations());
        Assert.Equal(3, violation.Request.Number);
        Assert.Equal(2, violation.ThrottledRequest);
    }

    [Fact]
    public async Task FindQueueOverlaps_TwoConcurrentWritesOfAQueue_AreFound()
    {
        var sut = CreateSut(o => o.WriteLatency = TimeSpan.FromSeconds(1));

        var first = PostAsync(sut, "agent-1");
        var second = PostAsync(sut, "agent-1", start: 1);
        await Eventually.WaitUntilAsync(() => sut.FindQueueOverlaps().Count > 0, TimeSpan.FromSeconds(5), "no overlap was recorded");
        // Both writes are in, but a write's latency timer may be set just after a single step: step until both answer.
        var both = Task.WhenAll(first, second);
        await Eventually.WaitUntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return both.IsCompleted;
        }, TimeSpan.FromSeconds(10), "the writes never answered");
        (await first).Dispose();
        (await second).Dispose();

        var overlap = Assert.Single(sut.FindQueueOverlaps());
        Assert.Equal("q-1", overlap.QueueId);
    }

    [Fact]
    public async Task FindDuplicateWrites_SameExplanationTwice_IsFoundWithItsCount()
    {
        var sut = CreateSut();

        (await PostAsync(sut, "agent-1")).Dispose();
        (await PostAsync(sut, "agent-1")).Dispose();
        (await PostAsync(sut, "agent-1", start: 1)).Dispose();

        var duplicate = Assert.Single(sut.FindDuplicateWrites());
        Assert.Equal(("agent-1", 2), (duplicate.AgentId, duplicate.Count));
    }

    [Fact]
    public async Task Write_DropAfterApplyingFault_ResetsTheConnectionButTheWriteIsApplied()
    {
        var sut = CreateSut(o => o.Faults.AtRequest[1] = SimulatedFault.Drop());

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(sut, "agent-1"));
        using var next = await PostAsync(sut, "agent-1", start: 1);

        Assert.Equal(2, sut.Writes.Count);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, sut.Requests[0].StatusCode);
    }

    [Fact]
    public async Task Write_StatusFault_AnswersThatStatusWithoutApplying()
    {
        var sut = CreateSut(o => o.Faults.ForAgent["agent-1"] = SimulatedFault.Status(503, "service.unavailable", "down"));

        using var response = await PostAsync(sut, "agent-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(sut.Writes);
    }

    [Fact]
    public async Task Write_RandomFaults_AreTheSameForTheSameSeed()
    {
        async Task<int[]> StatusesAsync()
        {
            using var sim = WfmSimulator.Start(o =>
            {
                o.TimeProvider = _time;
                o.RequestsPerMinute = 60_000;
                o.Faults.Random = new RandomFaults { Seed = 7, ServiceUnavailableRate = 0.3, ThrottleRate = 0.2 };
            });
            var statuses = new List<int>();
            for (var i = 0; i < 30; i++)
            {
                using var response = await PostAsync(sim, "agent-1", start: i);
                statuses.Add((int)response.StatusCode);
            }

            return [.. statuses];
        }

        var first = await StatusesAsync();
        var second = await StatusesAsync();

        Assert.Equal(first, second);
        Assert.Contains(503, first);
        Assert.Contains(429, first);
        Assert.Contains(200, first);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Write_MissingOrUnknownToken_Answers401(string? token)
    {
        var sut = CreateSut(o => o.AcceptedTokens = new HashSet<string> { "right" });

        using var response = await PostAsync(sut, "agent-1", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(sut.Writes);
    }

    [Fact]
    public async Task Write_InvalidBody_Answers400()
    {
        var sut = CreateSut();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sut.BaseAddress, "api/v2/workforcemanagement/agents/a/adherence/explanations"))
        {
            Content = new StringContent("""{"type":"Late","startDate":"not a date","lengthMinutes":5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("startDate", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UnknownPath_Answers404()
    {
        var sut = CreateSut();

        using var response = await _http.GetAsync(new Uri(sut.BaseAddress, "api/v2/nothing"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private WfmSimulator CreateSut(Action<WfmSimulatorOptions>? configure = null)
    {
        _simulator = WfmSimulator.Start(o =>
        {
            o.TimeProvider = _time;
            o.AgentQueues["agent-1"] = "q-1";
            configure?.Invoke(o);
        });
        return _simulator;
    }

    private Task<HttpResponseMessage> PostAsync(WfmSimulator simulator, string agent, int start = 0, string? token = "t")
        => SendRawAsync(simulator, HttpMethod.Post, Write(agent), Body(start), token);
}
