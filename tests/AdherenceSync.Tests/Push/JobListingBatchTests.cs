using AdherenceSync.Genesys;
using AdherenceSync.Push;
using AdherenceSync.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Push;

/// <summary>
/// Jobs of several queues confirmed by one query, against a scripted lookup that lists a row once its job has run for
/// a second (or never, for a job in <c>_failing</c>). Fake time moves only by the test's own advances.
/// </summary>
public sealed class JobListingBatchTests : IDisposable
{
    private static readonly TimeSpan Due = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private readonly RowsInARun _run = new();
    private readonly DateTimeOffset _start;
    private readonly Dictionary<int, DateTimeOffset> _registered = [];
    private readonly List<(TimeSpan At, int[] Rows)> _queries = [];
    private readonly HashSet<int> _failing = [];

    public JobListingBatchTests() => _start = _time.GetUtcNow();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task ListedAsync_TwoQueuesWaiting_OneQueryOnceTheLaterIsDue()
    {
        var sut = new JobListingBatch(LookupAsync, _time, Due);
        var first = Register(sut, 0);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        var second = Register(sut, 1);

        // At 1 s the first is due but the second's job is still running: a query then would miss it.
        _time.Advance(TimeSpan.FromSeconds(0.5));
        _time.Advance(TimeSpan.FromSeconds(0.5));

        Assert.Equal(("e-0", "e-1"), ((await Within(first))?.Id, (await Within(second))?.Id));
        var query = Assert.Single(_queries);
        Assert.Equal([0, 1], query.Rows);
    }

    [Fact]
    public async Task ListedAsync_RowsKeepComing_TheFirstWaitsThreeDuesAtMostAndOneNotDueWaitsForTheNext()
    {
        var sut = new JobListingBatch(LookupAsync, _time, Due);
        var waiting = new List<Task<AdherenceExplanation?>>();
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(i == 0 ? 0 : 0.9));
            waiting.Add(Register(sut, i));
        }

        _time.Advance(TimeSpan.FromSeconds(0.3));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"e-{i}", (await Within(waiting[i]))?.Id);
        }

        // Three dues after the first row, with the fourth in it though its job had run 0.3 s: it waits for the next.
        var query = Assert.Single(_queries);
        Assert.Equal(TimeSpan.FromSeconds(3), query.At);
        Assert.Equal([0, 1, 2, 3], query.Rows);
        Assert.False(waiting[3].IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("e-3", (await Within(waiting[3]))?.Id);
        Assert.Equal([3], _queries[1].Rows);
    }

    [Fact]
    public async Task ListedAsync_DueRowNotListed_IsHandedBackToItsJob()
    {
        var sut = new JobListingBatch(LookupAsync, _time, Due);
        _failing.Add(0);
        var listed = Register(sut, 0);

        _time.Advance(Due);

        Assert.Null(await Within(listed));
        Assert.Single(_queries);
    }

    [Fact]
    public async Task ListedAsync_PushCancelled_HandsTheRowBackWithoutAQuery()
    {
        var sut = new JobListingBatch(LookupAsync, _time, Due);
        var listed = Register(sut, 0);

        _run.Cancel();

        Assert.Null(await Within(listed));
        Assert.Empty(_queries);
    }

    [Fact]
    public void JobTookLonger_EachTime_DoublesTheDueUpToTheLongestPollDelay()
    {
        var sut = new JobListingBatch(LookupAsync, _time, Due);
        var seen = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            sut.JobTookLonger();
            seen.Add(sut.Due.TotalSeconds);
        }

        Assert.Equal([2, 4, 8, 15, 15, 15], seen);
    }

    private static Task<AdherenceExplanation?> Within(Task<AdherenceExplanation?> listed)
        => listed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private Task<AdherenceExplanation?> Register(JobListingBatch sut, int index)
    {
        lock (_registered)
        {
            _registered[index] = _time.GetUtcNow();
        }

        return sut.ListedAsync(_run.Planned(index: index));
    }

    private Task<ExplanationLookupResult> LookupAsync(IReadOnlyList<(int Index, AdherenceRow Row)> rows, PushRun run)
    {
        var now = _time.GetUtcNow();
        lock (_registered)
        {
            _queries.Add((now - _start, [.. rows.Select(r => r.Index)]));
            var found = rows.ToDictionary(
                r => r.Index,
                r => _failing.Contains(r.Index) || now - _registered[r.Index] < Due ? null : new AdherenceExplanation { Id = $"e-{r.Index}" });
            return Task.FromResult(new ExplanationLookupResult(found, 1));
        }
    }
}
