using AdherenceSync.Genesys;
using AdherenceSync.Push;
using Polly;

namespace AdherenceSync.Tests.Support;

/// <summary>A push run that a test can cancel as its caller would, and rows moved through it as a push moves them.</summary>
internal sealed class RowsInARun : IDisposable
{
    private readonly CancellationTokenSource _caller = new();

    public RowsInARun() => Run = new PushRun(_caller.Token);

    public PushRun Run { get; }

    /// <summary>Cancels the push as its caller would.</summary>
    public void Cancel() => _caller.Cancel();

    /// <summary>A row planned in this run: the <paramref name="index"/>-th, of its own agent and queue.</summary>
    public RowAttempt Planned(bool startedEarlier = false, int index = 0)
    {
        var row = new AdherenceRow { AgentId = $"a-{index + 1}", QueueId = $"q-{index + 1}", StartDate = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), LengthMinutes = 15 };
        return RowAttempt.Plan(new PlannedRow(index, row, RowKey.Compute(row), startedEarlier), Run);
    }

    /// <summary>A row whose one write was answered <paramref name="answer"/>, as the classifier reads it.</summary>
    public RowAttempt Written(ApiAnswer answer, TimeSpan maxRetryAfter)
    {
        var attempt = Planned();
        attempt.BeginWrite();
        attempt.WriteAnswered(answer, AnswerClassifier.Classify(RequestKind.Write, Outcome.FromResult(answer), inFlight: false, maxRetryAfter));
        return attempt;
    }

    public void Dispose()
    {
        Run.Dispose();
        _caller.Dispose();
    }
}
