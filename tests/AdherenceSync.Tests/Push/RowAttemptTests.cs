using AdherenceSync.Genesys;
using AdherenceSync.Push;
using AdherenceSync.Tests.Support;
using Polly;

namespace AdherenceSync.Tests.Push;

public sealed class RowAttemptTests : IDisposable
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(3);
    private readonly RowsInARun _run = new();

    public void Dispose() => _run.Dispose();

    [Theory]
    [InlineData(202, nameof(RowStage.Accepted), false)]
    [InlineData(200, nameof(RowStage.Accepted), false)]
    [InlineData(503, nameof(RowStage.InDoubt), true)]
    [InlineData(429, nameof(RowStage.NotApplied), true)]
    [InlineData(400, nameof(RowStage.NotApplied), true)]
    public void WriteAnswered_Status_MovesWhereTheAnswerSays(int status, string expected, bool hasError)
    {
        var attempt = Written(status);

        Assert.Equal((Enum.Parse<RowStage>(expected), 1, (int?)status, hasError), (attempt.Stage, attempt.Writes, attempt.LastOwnSignals?.Status, attempt.LastWriteError is not null));
    }

    [Fact]
    public void WriteNotSent_FirstWrite_IsBackToPlannedAndUncounted()
    {
        var attempt = _run.Planned();
        attempt.BeginWrite();

        attempt.WriteNotSent();

        Assert.Equal((RowStage.Planned, 0, false), (attempt.Stage, attempt.Writes, attempt.Unanswered));
    }

    [Fact]
    public void WriteFailed_AnswerLostOnTheWire_IsInDoubtAndStaysUnanswered()
    {
        var attempt = _run.Planned();
        attempt.BeginWrite();
        attempt.WriteLost();
        var reset = new HttpRequestException("reset");

        attempt.WriteFailed(reset, AnswerClassifier.Classify(RequestKind.Write, Outcome.FromException<ApiAnswer>(reset), attempt.Unanswered, MaxRetryAfter));

        Assert.Equal((RowStage.InDoubt, 1, true, "HttpRequestException: reset"), (attempt.Stage, attempt.Writes, attempt.Unanswered, attempt.LastWriteError));
    }

    [Fact]
    public void WriteFailed_AnswerLostAfterTheCallerCancelled_IsNotAppliedNotInDoubt()
    {
        var attempt = _run.Planned();
        attempt.BeginWrite();
        attempt.WriteLost();
        _run.Cancel();
        var cancelled = new OperationCanceledException();

        attempt.WriteFailed(cancelled, AnswerClassifier.Classify(RequestKind.Write, Outcome.FromException<ApiAnswer>(cancelled), attempt.Unanswered, MaxRetryAfter));

        Assert.Equal((RowStage.NotApplied, true), (attempt.Stage, attempt.Unanswered));
    }

    [Theory]
    [InlineData(nameof(Reconciliation.Found), nameof(RowStage.Found))]
    [InlineData(nameof(Reconciliation.NotFound), nameof(RowStage.NotApplied))]
    [InlineData(nameof(Reconciliation.Failed), nameof(RowStage.Unresolved))]
    public void Checked_Verdict_MovesTheRowInDoubtOn(string verdict, string expected)
    {
        var attempt = Written(503);
        attempt.BeginCheck();

        attempt.Checked(new CheckResult(Enum.Parse<Reconciliation>(verdict)));

        Assert.Equal((Enum.Parse<RowStage>(expected), Enum.Parse<Reconciliation>(verdict)), (attempt.Stage, attempt.LastCheck?.Verdict));
    }

    [Fact]
    public void Checked_StoppedByTheCaller_IsInDoubtAgainWithNoVerdict()
    {
        var attempt = Written(503);
        attempt.BeginCheck();

        attempt.Checked(new CheckResult(Reconciliation.Failed, Stopped: new OperationCanceledException()));

        Assert.Equal((RowStage.InDoubt, (CheckResult?)null), (attempt.Stage, attempt.LastCheck));
    }

    [Fact]
    public void BeginWrite_AfterACheckFoundNothing_ForgetsTheCheck()
    {
        var attempt = Written(503);
        attempt.BeginCheck();
        attempt.Checked(new CheckResult(Reconciliation.NotFound));

        attempt.BeginWrite();

        Assert.Equal((RowStage.Writing, (CheckResult?)null), (attempt.Stage, attempt.LastCheck));
    }

    [Fact]
    public void Plan_StartedByAnEarlierRun_StartsInDoubtWithTheReason()
    {
        var attempt = _run.Planned(startedEarlier: true);

        Assert.Equal((RowStage.InDoubt, 0, "an earlier run was interrupted after it started this row"), (attempt.Stage, attempt.Writes, attempt.LastWriteError));
    }

    [Fact]
    public void End_AcceptedWriteOf200WithAJobOnly_IsDoneAndSaysWhyThereIsNoId()
    {
        var attempt = Written(200);

        var result = attempt.End(RowOutcome.Succeeded, null, jobId: "job-1");

        Assert.Equal((RowStage.Done, RowOutcome.Succeeded, 1, 200), (attempt.Stage, result.Outcome, result.Attempts, result.HttpStatus));
        Assert.Equal("the platform answered 200 with job job-1 only; a 200's job carries no explanation id and cannot be polled", result.ExplanationIdMissingReason);
    }

#if DEBUG
    [Fact]
    public void End_Twice_ThrowsInADebugBuild()
    {
        var attempt = Written(200);
        attempt.End(RowOutcome.Succeeded, null);

        Assert.Throws<InvalidOperationException>(() => attempt.End(RowOutcome.Failed, "again"));
    }
#endif

    /// <summary>A row whose one write was answered <paramref name="status"/>.</summary>
    private RowAttempt Written(int status) => _run.Written(
        new ApiAnswer { StatusCode = status, Body = status is 200 or 202 ? new ExplanationWriteResponse { Job = new ExplanationJob { Id = "job-1", Status = status == 202 ? "Processing" : "Complete" } } : null },
        MaxRetryAfter);
}
