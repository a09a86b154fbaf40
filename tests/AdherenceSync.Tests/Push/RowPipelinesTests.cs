using AdherenceSync.Telemetry;
using AdherenceSync.Genesys;
using AdherenceSync.Pacing;
using AdherenceSync.Push;
using AdherenceSync.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace AdherenceSync.Tests.Push;

public sealed class RowPipelinesTests
{
    private static readonly ApiAnswer ServiceUnavailable = new() { StatusCode = 503 };

    [Fact]
    public async Task Execute_AlwaysFailing_MakesExactlyFiveAttempts()
    {
        var run = await RunAsync(new RetryOptions(), _ => ServiceUnavailable);

        Assert.Equal(5, run.Attempts.Count);
        Assert.Equal(4, run.Row.RetryDelays.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Execute_MaxAttemptsSet_NeverExceedsIt(int maxAttempts)
    {
        var run = await RunAsync(new RetryOptions { MaxAttempts = maxAttempts }, _ => ServiceUnavailable);

        Assert.Equal(maxAttempts, run.Attempts.Count);
    }

    [Fact]
    public async Task Execute_JitteredBackoff_EveryDelayWithinPollysDecorrelatedBoundsAndTheCap()
    {
        // Twenty seeded randomizers: each delay n must lie in [0, min(30 s, base * 2^(n+1))].
        var runs = new List<PipelineRun>();
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var random = new Random(seed);
            runs.Add(await RunAsync(new RetryOptions(), _ => ServiceUnavailable, random.NextDouble));
        }

        foreach (var run in runs)
        {
            Assert.Equal(4, run.Row.RetryDelays.Count);
            for (var n = 0; n < run.Row.RetryDelays.Count; n++)
            {
                var bound = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, n + 1)));
                Assert.InRange(run.Row.RetryDelays[n], TimeSpan.Zero, bound);
            }
        }

        // Jitter really varies the delays: not every run waited the same.
        Assert.True(runs.Select(r => r.Row.RetryDelays[0]).Distinct().Count() > 10);
    }

    [Fact]
    public async Task Execute_JitterExtremes_StayWithinTheCap()
    {
        foreach (var value in new[] { 0.0, 0.999999 })
        {
            var run = await RunAsync(new RetryOptions { BaseDelay = TimeSpan.FromSeconds(20) }, _ => ServiceUnavailable, () => value);

            Assert.All(run.Row.RetryDelays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task Execute_ComputedDelaysWithoutJitter_AreCappedAt30Seconds()
    {
        var run = await RunAsync(new RetryOptions { BaseDelay = TimeSpan.FromSeconds(20), UseJitter = false }, _ => ServiceUnavailable);

        Assert.Equal([20, 30, 30, 30], run.Row.RetryDelays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Execute_RetriesReallyWaitTheirDelays()
    {
        var run = await RunAsync(new RetryOptions { UseJitter = false }, _ => ServiceUnavailable);

        for (var n = 0; n < run.Row.RetryDelays.Count; n++)
        {
            var waited = run.Attempts[n + 1] - run.Attempts[n];
            Assert.Equal(run.Row.RetryDelays[n], waited);
        }
    }

    [Fact]
    public async Task Execute_RetryAfterAboveTheComputedCap_WinsAndIsHonoured()
    {
        var throttled = new ApiAnswer { StatusCode = 429, RetryAfter = new("45", TimeSpan.FromSeconds(45)) };

        var run = await RunAsync(new RetryOptions(), _ => throttled);

        Assert.Equal([45, 45, 45, 45], run.Row.RetryDelays.Select(d => d.TotalSeconds));
        Assert.True(run.Attempts[1] - run.Attempts[0] >= TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task Execute_RetryAfterZero_RetriesWithoutDelay()
    {
        var throttled = new ApiAnswer { StatusCode = 429, RetryAfter = new("0", TimeSpan.Zero) };

        var run = await RunAsync(new RetryOptions(), attempt => attempt < 2 ? throttled : new ApiAnswer { StatusCode = 200 });

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], run.Row.RetryDelays);
    }

    [Fact]
    public async Task Execute_UnusableRetryAfter_FallsBackToTheComputedDelay()
    {
        var throttled = new ApiAnswer { StatusCode = 429, RetryAfter = new("abc", null) };

        var run = await RunAsync(new RetryOptions { UseJitter = false }, _ => throttled);

        Assert.Equal([1, 2, 4, 8], run.Row.RetryDelays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Execute_RetryAfterLongerThanMaxRetryAfter_IsNotRetried()
    {
        var throttled = new ApiAnswer { StatusCode = 429, RetryAfter = new("181", TimeSpan.FromSeconds(181)) };

        var run = await RunAsync(new RetryOptions(), _ => throttled);

        Assert.Single(run.Attempts);
    }

    [Theory]
    [InlineData(408, 5)]
    [InlineData(429, 5)]
    [InlineData(500, 5)]
    [InlineData(502, 5)]
    [InlineData(503, 5)]
    [InlineData(504, 5)]
    [InlineData(400, 1)]
    [InlineData(401, 1)]
    [InlineData(403, 1)]
    [InlineData(404, 1)]
    [InlineData(409, 1)]
    [InlineData(422, 1)]
    [InlineData(501, 1)]
    public async Task Execute_StatusCode_IsRetriedOnlyWhenTransient(int status, int expectedAttempts)
    {
        var run = await RunAsync(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) }, _ => new ApiAnswer { StatusCode = status });

        Assert.Equal(expectedAttempts, run.Attempts.Count);
    }

    [Fact]
    public async Task Execute_HttpRequestExceptionAndAttemptTimeout_AreRetried()
    {
        var run = await RunAsync(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) },
            attempt => attempt % 2 == 0 ? throw new HttpRequestException("reset") : throw new TimeoutRejectedException());

        Assert.Equal(5, run.Attempts.Count);
    }

    [Fact]
    public async Task Execute_OtherException_IsNotRetried()
    {
        var run = await RunAsync(new RetryOptions(), _ => throw new InvalidOperationException("bug"));

        Assert.Single(run.Attempts);
        Assert.IsType<InvalidOperationException>(run.Outcome.Exception);
    }

    [Fact]
    public async Task Execute_RunHalted_StopsRetrying()
    {
        var run = await RunAsync(new RetryOptions(), (attempt, push, _) =>
        {
            push.Halt(new PushHalt(HaltCause.CredentialsRefused, "HTTP 401"));
            return ServiceUnavailable;
        });

        Assert.Single(run.Attempts);
    }

    [Theory]
    [InlineData(nameof(Reconciliation.NotFound), 5)]
    [InlineData(nameof(Reconciliation.Found), 1)]
    [InlineData(nameof(Reconciliation.Failed), 1)]
    public async Task Execute_CheckAnsweredBeforeTheWrite_WritesAgainOnlyWhenNotFound(string verdict, int expectedAttempts)
    {
        // Each 503 leaves the row in doubt: the next attempt checks first, and writes again only when the check found nothing.
        var run = await RunAsync(new RetryOptions(), (_, _, _) => ServiceUnavailable, check: Enum.Parse<Reconciliation>(verdict));

        Assert.Equal(expectedAttempts, run.Attempts.Count);
    }

    private static Task<PipelineRun> RunAsync(RetryOptions retry, Func<int, ApiAnswer> answer, Func<double>? randomizer = null)
        => RunAsync(retry, (attempt, _, _) => answer(attempt), randomizer);

    /// <summary>
    /// Runs the write pipeline over a row whose every attempt is one write answered by <paramref name="answer"/>, moved on
    /// the row as the push moves it; a row left in doubt is checked first (by <paramref name="check"/>, or found missing).
    /// </summary>
    private static async Task<PipelineRun> RunAsync(
        RetryOptions retry, Func<int, PushRun, RowAttempt, ApiAnswer> answer, Func<double>? randomizer = null, Reconciliation check = Reconciliation.NotFound)
    {
        var clock = FakeClock.TimersOnly();
        using var pacing = new ClientPacing(new PacingOptions { RequestsPerMinute = 1_000_000 }, 1, retry.MaxRetryAfter, clock.Time);
        var pipeline = new RowPipelines(retry, pacing, new RetryBudget(new RetryBudgetOptions { Enabled = false }), clock.Time, NullLogger.Instance, new ClientTelemetry(new AdherenceSyncMetrics(null), "test"), NullLoggerFactory.Instance, "test", randomizer).Write;
        using var push = new PushRun(TestContext.Current.CancellationToken);
        var planned = Validation.AdherenceRowValidatorTests.Row();
        var row = RowAttempt.Plan(new PlannedRow(0, planned, RowKey.Compute(planned)), push);
        var attempts = new List<DateTimeOffset>();

        var context = ResilienceContextPool.Shared.Get(push.Stop);
        context.Properties.Set(RowContextKeys.Row, row);
        context.Properties.Set(RowContextKeys.Queue, "q");
        var outcome = await clock.RunAsync(pipeline.ExecuteOutcomeAsync(
            (_, _) =>
            {
                if (row.InDoubt)
                {
                    row.BeginCheck();
                    row.Checked(new CheckResult(check));
                    if (check != Reconciliation.NotFound)
                    {
                        return ValueTask.FromResult(Outcome.FromResult(row.LastAnswer!));
                    }
                }

                row.BeginWrite();
                attempts.Add(clock.Time.GetUtcNow());
                try
                {
                    var answered = answer(attempts.Count - 1, push, row);
                    row.WriteAnswered(answered, AnswerClassifier.Classify(RequestKind.Write, Outcome.FromResult(answered), inFlight: false, retry.MaxRetryAfter));
                    return ValueTask.FromResult(Outcome.FromResult(answered));
                }
                catch (Exception e)
                {
                    row.WriteLost();
                    row.WriteFailed(e, AnswerClassifier.Classify(RequestKind.Write, Outcome.FromException<ApiAnswer>(e), row.Unanswered, retry.MaxRetryAfter));
                    return ValueTask.FromResult(Outcome.FromException<ApiAnswer>(e));
                }
            },
            context,
            0).AsTask());
        ResilienceContextPool.Shared.Return(context);
        return new PipelineRun(row, attempts, outcome);
    }

    private sealed record PipelineRun(RowAttempt Row, List<DateTimeOffset> Attempts, Outcome<ApiAnswer> Outcome);
}
