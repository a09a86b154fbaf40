using AdherenceSync.Genesys;
using AdherenceSync.Resilience;
using Polly;
using Polly.Timeout;

namespace AdherenceSync.Tests.Resilience;

public sealed class RetryClassifierTests
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void ShouldRetry_Status_RetriesOnlyTransientOnes(int status, bool expected)
        => Assert.Equal(expected, RetryClassifier.ShouldRetry(Outcome.FromResult(new ApiAnswer { StatusCode = status }), MaxRetryAfter, halted: false));

    [Fact]
    public void ShouldRetry_Halted_NeverRetries()
        => Assert.False(RetryClassifier.ShouldRetry(Outcome.FromResult(new ApiAnswer { StatusCode = 503 }), MaxRetryAfter, halted: true));

    [Fact]
    public void ShouldRetry_RetryAfterLongerThanTheMaximum_IsNotRetried()
    {
        var result = new ApiAnswer { StatusCode = 429, RetryAfter = new RetryAfterHint("300", TimeSpan.FromMinutes(5)) };

        Assert.False(RetryClassifier.ShouldRetry(Outcome.FromResult(result), MaxRetryAfter, halted: false));
    }

    [Fact]
    public void ShouldRetry_TransportFailuresAndTimeouts_AreRetried()
    {
        Assert.True(RetryClassifier.ShouldRetry(Outcome.FromException<ApiAnswer>(new HttpRequestException("reset")), MaxRetryAfter, halted: false));
        Assert.True(RetryClassifier.ShouldRetry(Outcome.FromException<ApiAnswer>(new TimeoutRejectedException()), MaxRetryAfter, halted: false));
        Assert.False(RetryClassifier.ShouldRetry(Outcome.FromException<ApiAnswer>(new InvalidOperationException()), MaxRetryAfter, halted: false));
    }

    [Fact]
    public void IsAmbiguous_200WithTheJobReferenceOnly_IsNotAmbiguous()
    {
        var jobOnly = new ApiAnswer { StatusCode = 200, Body = new ExplanationWriteResponse { Job = new ExplanationJob { Id = "j", Status = "Complete" } } };
        var empty = new ApiAnswer { StatusCode = 200 };

        // The platform's 200 holds the job reference only: that is a success, not a lost answer.
        Assert.False(RetryClassifier.IsAmbiguous(jobOnly, null, inFlight: false));
        Assert.True(RetryClassifier.IsAmbiguous(empty, null, inFlight: false));
    }

    [Fact]
    public void IsAmbiguous_TransportFailure_OnlyOnceTheRequestWasSent()
    {
        var connect = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        Assert.False(RetryClassifier.IsAmbiguous(null, connect, inFlight: true));
        Assert.True(RetryClassifier.IsAmbiguous(null, reset, inFlight: true));
        Assert.False(RetryClassifier.IsAmbiguous(null, reset, inFlight: false));
        Assert.True(RetryClassifier.IsAmbiguous(new ApiAnswer { StatusCode = 502 }, null, inFlight: false));
    }
}
