using AdherenceSync.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Pacing;

public sealed class SlidingWindowSourceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AllowedAt_NothingLearned_AllowsEverySend()
    {
        var sut = new SlidingWindowSource();
        var now = _time.GetTimestamp();
        sut.OnGranted(now, 100);

        Assert.Equal(now, sut.AllowedAt(now, 1));
    }

    [Fact]
    public void AllowedAt_AllowanceUsed_WaitsUntilTheOldestGrantSlidesOutPlusTheAnswerTime()
    {
        var sut = new SlidingWindowSource();
        var second = _time.TimestampFrequency;
        sut.Learn(3, 6 * second);
        var start = _time.GetTimestamp();
        sut.OnGranted(start, 1);
        sut.OnGranted(start + second, 2);
        sut.OnAnswerTime(second / 10);

        Assert.Equal(start + (6 * second) + (second / 10) + 1, sut.AllowedAt(start + (2 * second), 1));
        Assert.Equal(start + second + (6 * second) + (second / 10) + 1, sut.AllowedAt(start + (2 * second), 2));
    }

    [Fact]
    public void Restamp_SendWentOutAfterItsGrant_CountsFromWhenItWent()
    {
        var sut = new SlidingWindowSource();
        var second = _time.TimestampFrequency;
        sut.Learn(1, 2 * second);
        var granted = _time.GetTimestamp();
        sut.OnGranted(granted, 1);

        // The send waited half a second for the client's turn after its queue granted it.
        sut.Restamp(granted + (second / 2));

        Assert.Equal(granted + (second / 2) + (2 * second) + 1, sut.AllowedAt(granted + second, 1));
    }

    [Fact]
    public void AllowedAt_AnyPhase_NeverPutsMoreThanTheAllowanceInOneServerWindow()
    {
        var sut = new SlidingWindowSource();
        var second = _time.TimestampFrequency;
        sut.Learn(4, second);
        var grants = new List<long>();
        var now = _time.GetTimestamp();
        for (var i = 0; i < 40; i++)
        {
            now = Math.Max(now, sut.AllowedAt(now, 1));
            sut.OnGranted(now, 1);
            grants.Add(now);
            now += second / 20;
        }

        // Fixed server windows of 1 s at ten different phases each see at most 4.
        for (var phase = 0; phase < 10; phase++)
        {
            var offset = phase * second / 10;
            Assert.All(grants.GroupBy(g => (g - offset) / second), g => Assert.InRange(g.Count(), 1, 4));
        }
    }
}
