using AdherenceSync.Push;
using AdherenceSync.Genesys;
using AdherenceSync.Tests.Support;
using Polly;

namespace AdherenceSync.Tests.Push;

public sealed class OutcomeClassifierTests : IDisposable
{
    private static readonly RetryOptions Retry = new();
    private readonly RowsInARun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Classify_200WithTheJobReferenceOnly_IsSucceededWithoutAnIdAndSaysWhy()
    {
        var result = new ApiAnswer { StatusCode = 200, Body = new ExplanationWriteResponse { Job = new ExplanationJob { Id = "job-1", Status = "Complete" } } };
        var attempt = _run.Written(result, Retry.MaxRetryAfter);

        var row = OutcomeClassifier.Classify(attempt, Outcome.FromResult(result), Retry);

        Assert.Equal((RowOutcome.Succeeded, null, "job-1"), (row.Outcome, row.ExplanationId, row.JobId));
        Assert.Equal("the platform answered 200 with job job-1 only; a 200's job carries no explanation id and cannot be polled", row.ExplanationIdMissingReason);
    }

    [Fact]
    public void Classify_404_IsRejectedWithThePlatformsReason()
    {
        var result = new ApiAnswer { StatusCode = 404, Error = new GenesysError { Code = "not.found", Message = "Agent not found." } };

        var row = OutcomeClassifier.Classify(Attempt(status: 404), Outcome.FromResult(result), Retry);

        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        Assert.Contains("not.found", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_403_IsFailedAndSaysThePushHalted()
    {
        var row = OutcomeClassifier.Classify(Attempt(status: 403), Outcome.FromResult(new ApiAnswer { StatusCode = 403 }), Retry);

        Assert.Equal(RowOutcome.Failed, row.Outcome);
        Assert.Equal("HTTP 403: the credentials were refused; the push halted", row.Error);
    }

    [Fact]
    public void Classify_CancelledWaitingToRetryA429_IsNotAttempted()
    {
        var attempt = Attempt(status: 429);
        _run.Cancel();

        var row = OutcomeClassifier.Classify(attempt, Outcome.FromException<ApiAnswer>(new OperationCanceledException()), Retry);

        Assert.Equal(RowOutcome.NotAttempted, row.Outcome);
        Assert.StartsWith("cancelled before the next retry, nothing applied; last error: HTTP 429", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_CancelledAfterAWriteThatMayHaveLanded_IsUnknown()
    {
        var attempt = Attempt(status: 503);
        Assert.Equal(RowStage.InDoubt, attempt.Stage);
        _run.Cancel();

        var row = OutcomeClassifier.Classify(attempt, Outcome.FromException<ApiAnswer>(new OperationCanceledException()), Retry);

        Assert.Equal(RowOutcome.Unknown, row.Outcome);
        Assert.StartsWith("outcome unknown: cancelled before the next retry", row.Error, StringComparison.Ordinal);
    }

    /// <summary>A row whose one write was answered <paramref name="status"/>, moved there as a push moves it.</summary>
    private RowAttempt Attempt(int status) => _run.Written(new ApiAnswer { StatusCode = status }, Retry.MaxRetryAfter);
}
