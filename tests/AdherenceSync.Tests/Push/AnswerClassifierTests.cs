using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using AdherenceSync.Push;
using Polly;
using Polly.Timeout;

namespace AdherenceSync.Tests.Push;

public sealed class AnswerClassifierTests
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(408, "Retryable", false, false)]
    [InlineData(429, "Retryable", false, true)]
    [InlineData(500, "Retryable", true, false)]
    [InlineData(503, "Retryable", true, false)]
    [InlineData(400, "Rejected", false, false)]
    [InlineData(404, "Rejected", false, false)]
    [InlineData(409, "Rejected", false, false)]
    [InlineData(401, "Halt", false, false)]
    [InlineData(403, "Halt", false, false)]
    [InlineData(302, "Final", false, false)]
    [InlineData(200, "Unknown", true, false)]
    public void Classify_WriteStatus_GivesItsVerdict(int status, string verdict, bool mayHaveApplied, bool throttled)
    {
        var meaning = Write(new ApiAnswer { StatusCode = status });

        Assert.Equal((verdict, mayHaveApplied, throttled), (meaning.Verdict.ToString(), meaning.MayHaveApplied, meaning.Throttled));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void ListingOf_DownloadAnswered_IsTheListingOnlyOnASuccess(int status, bool kept)
    {
        // A failed download's JSON error body parses as a listing of nothing: it must not read as "no explanations".
        var listing = new ExplanationListing { Entities = [] };

        Assert.Equal(kept, AnswerClassifier.ListingOf(status, listing) is not null);
    }

    [Fact]
    public void Classify_Throttled_GivesPacingWhatTheAnswerSaid()
    {
        var headers = new AdherenceSync.Pacing.RateLimitSnapshot(24, 0, TimeSpan.FromSeconds(4), null, AdherenceSync.Pacing.RateLimitSnapshot.GenesysSource);
        var meaning = Write(new ApiAnswer
        {
            StatusCode = 429,
            RateLimit = headers,
            RetryAfter = new RetryAfterHint("4", TimeSpan.FromSeconds(4)),
            Error = new GenesysError { Code = "too.many.requests", Limit = new GenesysRateLimit { Key = "wfm.adherence", Namespace = "workforce" } },
        });

        Assert.Equal(new AnswerSignals(429, headers, TimeSpan.FromSeconds(4), "wfm.adherence", "the platform confirmed the write without giving its explanation id"), meaning.Signals);
    }

    [Fact]
    public void Classify_Exception_SaysNothingBesidesItsVerdict()
    {
        var meaning = AnswerClassifier.Classify(RequestKind.Write, Outcome.FromException<ApiAnswer>(new HttpRequestException("reset")), inFlight: true, MaxRetryAfter);

        Assert.Null(meaning.Signals);
    }

    [Fact]
    public void Classify_Write200WithTheJobReferenceOnly_IsAppliedNotALostAnswer()
    {
        var meaning = Write(new ApiAnswer { StatusCode = 200, Body = new ExplanationWriteResponse { Job = new ExplanationJob { Id = "j", Status = "Complete" } } });

        Assert.Equal((AnswerVerdict.Applied, "j", false), (meaning.Verdict, meaning.JobId, meaning.MayHaveApplied));
    }

    [Fact]
    public void Classify_Write202WithAProcessingJob_IsPendingWithTheJob()
    {
        var meaning = Write(new ApiAnswer { StatusCode = 202, Body = new ExplanationWriteResponse { Job = new ExplanationJob { Id = "j", Status = "Processing" } } });

        Assert.Equal((AnswerVerdict.Pending, "j"), (meaning.Verdict, meaning.JobId));
        Assert.Equal("the platform accepted job j (HTTP 202)", meaning.Reason);
    }

    [Fact]
    public void Classify_WriteWhoseJobEndedInError_IsRejectedWithTheJobsMessage()
    {
        var job = new ExplanationJob { Id = "j", Status = "Error", Error = new GenesysError { Message = "Agent not in the business unit.", Code = "bad.request" } };

        var meaning = Write(new ApiAnswer { StatusCode = 200, Body = new ExplanationWriteResponse { Job = job } });

        Assert.Equal(AnswerVerdict.Rejected, meaning.Verdict);
        Assert.StartsWith("job j ended in Error: ", meaning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_RetryAfterLongerThanTheMaximum_IsNotRetriedAndSaysWhy()
    {
        var meaning = Write(new ApiAnswer { StatusCode = 429, RetryAfter = new RetryAfterHint("300", TimeSpan.FromMinutes(5)) });

        Assert.Equal((AnswerVerdict.Final, true), (meaning.Verdict, meaning.Throttled));
        Assert.EndsWith("the server asked to wait '300' (300 s), longer than MaxRetryAfter (180 s); not retried", meaning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TransportFailure_MayHaveAppliedOnlyOnceTheRequestHadLeft()
    {
        var connect = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        Assert.Equal((AnswerVerdict.Retryable, false), Failure(connect, inFlight: true));
        Assert.Equal((AnswerVerdict.Retryable, true), Failure(reset, inFlight: true));
        Assert.Equal((AnswerVerdict.Retryable, false), Failure(reset, inFlight: false));
        Assert.Equal((AnswerVerdict.Retryable, true), Failure(new TimeoutRejectedException(), inFlight: true));
    }

    [Fact]
    public void Classify_SignInFailures_RefusedHaltsAndTransientIsRetried()
    {
        Assert.Equal((AnswerVerdict.Halt, false), Failure(new AccessTokenException("refused", credentialsRejected: true), inFlight: false));
        Assert.Equal((AnswerVerdict.Retryable, false), Failure(new AccessTokenException("503", credentialsRejected: false), inFlight: false));
        Assert.Equal((AnswerVerdict.Stopped, true), Failure(new OperationCanceledException(), inFlight: true));
        Assert.Equal((AnswerVerdict.Final, false), Failure(new InvalidOperationException(), inFlight: true));
    }

    [Theory]
    [InlineData(404, null, "Gone")]
    [InlineData(400, null, "Pending")]
    [InlineData(503, null, "Retryable")]
    [InlineData(200, "Processing", "Pending")]
    [InlineData(200, "Complete", "Applied")]
    [InlineData(200, "Error", "Rejected")]
    public void Classify_Poll_ASecondOpinionOnTheJobNeverRejectsTheRowForTheRequestsOwnStatus(int status, string? jobStatus, string verdict)
    {
        var answer = new ApiAnswer { StatusCode = status, Job = jobStatus is null ? null : new ExplanationJob { Id = "j", Status = jobStatus } };

        Assert.Equal(verdict, AnswerClassifier.Classify(RequestKind.Poll, Outcome.FromResult(answer), inFlight: false, MaxRetryAfter).Verdict.ToString());
    }

    [Theory]
    [InlineData(200, "Applied")]
    [InlineData(429, "Retryable")]
    [InlineData(404, "Final")]
    public void Classify_Query_AnsweredOrNot(int status, string verdict)
        => Assert.Equal(verdict, AnswerClassifier.Classify(RequestKind.Query, Outcome.FromResult(new ApiAnswer { StatusCode = status }), inFlight: false, MaxRetryAfter).Verdict.ToString());

    private static AnswerMeaning Write(ApiAnswer answer) => AnswerClassifier.Classify(RequestKind.Write, Outcome.FromResult(answer), inFlight: false, MaxRetryAfter);

    private static (AnswerVerdict, bool) Failure(Exception exception, bool inFlight)
    {
        var meaning = AnswerClassifier.Classify(RequestKind.Write, Outcome.FromException<ApiAnswer>(exception), inFlight, MaxRetryAfter);
        return (meaning.Verdict, meaning.MayHaveApplied);
    }
}
