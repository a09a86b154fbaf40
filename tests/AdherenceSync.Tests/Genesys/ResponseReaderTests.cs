using System.Net;
using System.Text;
using AdherenceSync.Genesys;

namespace AdherenceSync.Tests.Genesys;

public sealed class ResponseReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_200WithTheJobReferenceOnly_ReadsTheJobAndNoExplanation()
    {
        using var response = Json(HttpStatusCode.OK, """{"job":{"id":"j-1","type":"AddExplanation","status":"Complete","selfUri":"/api/v2/workforcemanagement/adherence/explanations/jobs/j-1"}}""");

        var result = await ResponseReader.ReadAsync(response, Now, isJobPoll: false, TestContext.Current.CancellationToken);

        Assert.Equal(("j-1", "AddExplanation", "Complete"), (result.Body!.Job!.Id, result.Body.Job.Type, result.Body.Job.Status));
        Assert.Null(result.Body.AdherenceExplanation);
        Assert.Null(result.BodyProblem);
        Assert.Null(result.Error); // read as an error too, it says nothing as one
    }

    [Fact]
    public async Task ReadAsync_429_ReadsTheErrorBodyItsLimitAndTheRetryAfter()
    {
        using var response = Json((HttpStatusCode)429, """{"code":"too.many.requests.retry.after","status":429,"message":"Retry in [3] seconds","limit":{"key":"client.credentials.token.rate.per.minute","namespace":"platform.api"}}""");
        response.Headers.TryAddWithoutValidation("Retry-After", "3");

        var result = await ResponseReader.ReadAsync(response, Now, isJobPoll: false, TestContext.Current.CancellationToken);

        Assert.Equal(("too.many.requests.retry.after", "client.credentials.token.rate.per.minute"), (result.Error!.Code, result.Error.Limit!.Key));
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter.Delay);
    }

    [Fact]
    public async Task ReadAsync_JobPollWhoseStatusIsAWord_ReadsItWithoutThrowingInside()
    {
        // Every body is also read as the platform's error, whose "status" is a number; a job's is a word ("Complete").
        // That must not cost an exception, thrown and caught, on every job poll.
        using var response = Json(HttpStatusCode.OK, """{"id":"j-2","type":"QueryAgentExplanations","status":"Complete"}""");
        var thrown = new List<Exception>();
        var inThisTest = new AsyncLocal<bool> { Value = true };
        void OnFirstChance(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (inThisTest.Value)
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception);
                }
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        try
        {
            var result = await ResponseReader.ReadAsync(response, Now, isJobPoll: true, TestContext.Current.CancellationToken);
            Assert.Equal("Complete", result.Job!.Status);
            Assert.Null(result.Error);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
        }

        Assert.Empty(thrown);
    }

    [Fact]
    public async Task ReadAsync_JobPoll_ReadsTheJobWithItsDownloadLink()
    {
        using var response = Json(HttpStatusCode.OK, """{"id":"j-2","type":"QueryAgentExplanations","status":"Complete","downloadUrl":"https://files.example/x"}""");

        var result = await ResponseReader.ReadAsync(response, Now, isJobPoll: true, TestContext.Current.CancellationToken);

        Assert.Equal(("QueryAgentExplanations", "https://files.example/x"), (result.Job!.Type, result.Job.DownloadUrl));
        Assert.Null(result.Error); // its "status" is the job's, not an error's
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("{not json", "")]
    public async Task ReadAsync_200WithAnUnusableBody_SaysWhatWasWrong(string body, string expected)
    {
        using var response = Json(HttpStatusCode.OK, body);

        var result = await ResponseReader.ReadAsync(response, Now, isJobPoll: false, TestContext.Current.CancellationToken);

        Assert.Null(result.Body);
        Assert.NotNull(result.BodyProblem);
        Assert.StartsWith(expected, result.BodyProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BodyPastTheLimit_IsNotReadPastIt()
    {
        using var response = Json(HttpStatusCode.OK, "{\"job\":{\"id\":\"" + new string('x', 200_000) + "\"}}");

        var result = await ResponseReader.ReadAsync(response, Now, isJobPoll: false, TestContext.Current.CancellationToken);

        Assert.Null(result.Body);
        Assert.StartsWith("body larger than", result.BodyProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBoundedAsync_SmallAnswerUnderALargeBound_RentsOnlyWhatItNeeds()
    {
        using var content = new StringContent("{\"job\":{\"id\":\"job-1\",\"status\":\"Complete\"}}", Encoding.UTF8, "application/json");

        var (buffer, length, truncated) = await ResponseReader.ReadBoundedAsync(content, GenesysConstants.MaxListingBytes, TestContext.Current.CancellationToken);

        Assert.False(truncated);
        Assert.Equal(42, length);
        Assert.InRange(buffer.Length, length, 4096);
    }

    [Fact]
    public async Task ReadBoundedAsync_BodyOfUnknownLengthPastTheFirstBuffer_ReadsItWhole()
    {
        var body = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray();
        using var content = new StreamContent(new UnseekableStream(body));
        Assert.Null(content.Headers.ContentLength);

        var (buffer, length, truncated) = await ResponseReader.ReadBoundedAsync(content, GenesysConstants.MaxListingBytes, TestContext.Current.CancellationToken);

        Assert.False(truncated);
        Assert.Equal(body, buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public async Task ReadBoundedAsync_BodyOfUnknownLengthPastTheBound_ReadsTheBoundAndSaysSo()
    {
        var body = new byte[10_000];
        using var content = new StreamContent(new UnseekableStream(body));

        var (_, length, truncated) = await ResponseReader.ReadBoundedAsync(content, 5_000, TestContext.Current.CancellationToken);

        Assert.True(truncated);
        Assert.Equal(5_000, length);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A body whose length is not known before it is read, as a chunked answer's.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
