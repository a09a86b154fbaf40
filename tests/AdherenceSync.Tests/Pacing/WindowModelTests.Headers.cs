using AdherenceSync.Pacing;

namespace AdherenceSync.Tests.Pacing;

/// <content>The server's window as scripted answers' headers show it, on a fake clock.</content>
public sealed partial class WindowModelTests
{

    [Fact]
    public void OnHeaders_IninSequenceAcrossAReset_LearnsAllowanceAndWindowLength()
    {
        var window = new WindowModel(_time);

        // A 6 s window of 24: the first answer says 5 s to the reset (rounded up), the count starts again after it.
        Answer(window, count: 1, allowed: 24, reset: 6);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Answer(window, count: 2, allowed: 24, reset: 5);

        Assert.Equal(24, window.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(6).Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond, window.Length);
        Assert.Equal(4, window.Rate, 3);
        Assert.Equal(22, window.Remaining);
    }

    [Fact]
    public void OnHeaders_WindowUsedUp_HoldsSendsUntilTheTightestBoundary()
    {
        var window = new WindowModel(_time);
        var start = _time.GetTimestamp();

        // Two answers of one window: 3 s left (rounded up from the first), then 2 s left half a second later.
        Answer(window, count: 23, allowed: 24, reset: 3);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Answer(window, count: 24, allowed: 24, reset: 2);

        var allowedAt = window.AllowedAt(_time.GetTimestamp(), 1);
        Assert.Equal(2.5, (allowedAt - start) / (double)_time.TimestampFrequency, 3);
        Assert.Equal(_time.GetTimestamp(), window.AllowedAt(_time.GetTimestamp(), 0));
    }

    [Fact]
    public void OnHeaders_NoWindowLengthKnownAfterTheReset_AssumesNone()
    {
        var window = new WindowModel(_time);

        // A snapshot that says nothing of the allowance: once its reset passes, nothing is assumed.
        window.OnHeaders(new RateLimitSnapshot(null, 0, TimeSpan.FromSeconds(1), null, RateLimitSnapshot.GenesysSource), _time.GetTimestamp(), _time.GetTimestamp(), null);
        Assert.True(window.AllowedAt(_time.GetTimestamp(), 1) > _time.GetTimestamp());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(_time.GetTimestamp(), window.AllowedAt(_time.GetTimestamp(), 1));
        Assert.True(double.IsPositiveInfinity(window.Remaining));
    }

    [Fact]
    public void OnHeaders_IetfBucket_RefillsContinuouslyFromTheLevelTheHeadersGive()
    {
        var window = new WindowModel(_time);

        // A bucket of 4 refilled at 4 a second: empty, 1 s until full.
        window.OnHeaders(new RateLimitSnapshot(4, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), "ietf"), _time.GetTimestamp(), _time.GetTimestamp(), null);

        Assert.True(window.IsBucket);
        var now = _time.GetTimestamp();
        Assert.Equal(0.25, (window.AllowedAt(now, 1) - now) / (double)_time.TimestampFrequency, 3);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        now = _time.GetTimestamp();
        Assert.Equal(now, window.AllowedAt(now, 2));
        window.OnGranted(now, 2);
        Assert.Equal(0.25, (window.AllowedAt(now, 1) - now) / (double)_time.TimestampFrequency, 3);
    }

    [Fact]
    public void OnHeaders_AnswerOlderThanLaterGrants_TakesThemOffWhatWasLeft()
    {
        var window = new WindowModel(_time);
        var sentAt = _time.GetTimestamp();
        window.OnGranted(sentAt, 1);
        var grant = window.Granted;
        window.OnGranted(sentAt, 3);

        // The answer to the first send says 10 left; three more went out after it.
        window.OnHeaders(new RateLimitSnapshot(24, 10, TimeSpan.FromSeconds(6), null, RateLimitSnapshot.GenesysSource), sentAt, _time.GetTimestamp(), grant);

        Assert.Equal(7, window.Remaining);
    }

    [Fact]
    public void OnHeaders_AnswersOfOneWindowReadOutOfOrder_KeepsTheTighter()
    {
        // Two sends on the wire at once; the server counted the second one first (23 of 24), then the first (24 of 24),
        // and the first's answer is read first. The second's answer says one more is left than is true.
        var window = new WindowModel(_time);
        var sentAt = _time.GetTimestamp();
        window.OnGranted(sentAt, 1);
        window.OnGranted(sentAt, 1);
        window.OnHeaders(new RateLimitSnapshot(24, 0, TimeSpan.FromSeconds(6), null, RateLimitSnapshot.GenesysSource), sentAt, sentAt, 1);
        window.OnHeaders(new RateLimitSnapshot(24, 1, TimeSpan.FromSeconds(6), null, RateLimitSnapshot.GenesysSource), sentAt, sentAt, 2);

        // The window is used up: nothing more goes before its end.
        Assert.True(window.Remaining <= 0, $"{window.Remaining}");
        Assert.Equal(sentAt + (6 * _time.TimestampFrequency), window.AllowedAt(sentAt, 1));
    }

    [Fact]
    public void OnHeaders_CountStartsAgainInANewWindow_TakesTheNewCount()
    {
        var window = new WindowModel(_time);

        // The window's last send, then one counted first in the next window (a whole window's reset from then).
        Answer(window, count: 24, allowed: 24, reset: 1);
        _time.Advance(TimeSpan.FromSeconds(0.9));
        Answer(window, count: 1, allowed: 24, reset: 6);

        Assert.Equal(23, window.Remaining);
        Assert.Equal(_time.GetTimestamp(), window.AllowedAt(_time.GetTimestamp(), 1));
    }

    [Fact]
    public void AllowedAt_HeadersAfterAWindowLearnedFrom429s_PacesByTheHeadersAlone()
    {
        // A window of 2 in 6 s was adopted (an earlier run's state); then the server's headers say 24 a 6 s window.
        var window = new WindowModel(_time);
        window.Adopt(2, 6 * _time.TimestampFrequency);
        for (var i = 0; i < 2; i++)
        {
            Answer(window, count: i + 1, allowed: 24, reset: 6);
        }

        // The headers have 22 left: the third send goes now, where the learned window would hold it for 6 s.
        var now = _time.GetTimestamp();
        Assert.Equal(now, window.AllowedAt(now, 1));
        Assert.False(window.IsOverdrawn(now));
        Assert.Equal(24, window.Allowed);
    }

    private void Answer(WindowModel window, int count, int allowed, int reset)
    {
        var now = _time.GetTimestamp();
        window.OnGranted(now, 1);
        window.OnHeaders(new RateLimitSnapshot(allowed, allowed - count, TimeSpan.FromSeconds(reset), null, RateLimitSnapshot.GenesysSource), now, now, window.Granted);
    }
}
