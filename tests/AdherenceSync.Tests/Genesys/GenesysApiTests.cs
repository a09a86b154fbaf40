using AdherenceSync.Genesys;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AdherenceSync.Tests.Genesys;

public sealed class GenesysApiTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly HttpClient _http;

    public GenesysApiTests() => _http = new HttpClient { BaseAddress = new Uri(_server.Url! + "/") };

    [Fact]
    public async Task WriteAsync_RowInAnotherOffset_PostsTheContractsBodyInUtcToTheAgentsPath()
    {
        _server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithBody("""{"job":{"id":"j-1","status":"Processing"}}"""));
        var row = new AdherenceRow { AgentId = "agent-1", QueueId = "q", StartDate = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(2)), LengthMinutes = 15, Notes = "n" };

        var answer = await Sut().WriteAsync(row.AgentId, row.QueueId, row.ToRequestBody(), TestContext.Current.CancellationToken);

        var sent = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("/api/v2/workforcemanagement/agents/agent-1/adherence/explanations", sent.AbsolutePath);
        Assert.Equal("""{"type":"Late","startDate":"2026-11-27T08:00:00.000Z","lengthMinutes":15,"notes":"n"}""", sent.Body);
        Assert.StartsWith("application/json", sent.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.Equal((202, "j-1"), (answer.StatusCode, answer.Body?.Job?.Id));
    }

    [Fact]
    public async Task PollAsync_JobId_GetsTheJobAndReadsItAsAJob()
    {
        _server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"j-1","status":"Complete","adherenceExplanation":{"id":"e-1"}}"""));

        var answer = await Sut().PollAsync("j-1", "q", TestContext.Current.CancellationToken);

        Assert.Equal("/api/v2/workforcemanagement/adherence/explanations/jobs/j-1", Assert.Single(_server.LogEntries).RequestMessage.AbsolutePath);
        Assert.Equal(("Complete", "e-1"), (answer.Job?.Status, answer.Job?.AdherenceExplanation?.Id));
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private GenesysApi Sut() => new(_http, () => throw new InvalidOperationException("no download expected"), new FakeTimeProvider());
}
