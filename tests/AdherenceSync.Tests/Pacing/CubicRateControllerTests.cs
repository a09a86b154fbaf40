using AdherenceSync.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Pacing;

public sealed class CubicRateControllerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly AdaptivePacingOptions _options = new();

    [Fact]
    public void OnAnswer_BeforeAnyThrottle_IsOff()
    {
        var sut = CreateSut();

        var rates = SendAt(sut, perSecond: 10, seconds: 3);

        Assert.All(rates, r => Assert.Null(r));
        Assert.False(sut.IsEnabled);
    }

    [Fact]
    public void OnAnswer_Throttle_DropsTo70PercentOfTheMeasuredRate()
    {
        var sut = CreateSut();
        SendAt(sut, perSecond: 10, seconds: 4);

        var rate = sut.OnAnswer(throttled: true);

        Assert.True(sut.IsEnabled);
        Assert.InRange(sut.MeasuredRate, 9.9, 10.1);
        Assert.Equal(0.7 * sut.MeasuredRate, rate!.Value, 9);
    }

    [Fact]
    public void OnAnswer_BetweenThrottles_FollowsTheCubicCurveBackToWmaxAndBeyond()
    {
        var sut = CreateSut();
        SendAt(sut, perSecond: 10, seconds: 4);
        sut.OnAnswer(throttled: true);
        var wMax = sut.MeasuredRate;
        var k = Math.Cbrt(wMax * (1 - 0.7) / 0.4);

        var samples = new List<(double T, double Rate)>();
        for (var i = 1; i <= 40; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            samples.Add((i * 0.1, sut.OnAnswer(throttled: false)!.Value));
        }

        // Where the cap of twice the measured rate does not bind, the rate is exactly 0.4·(t − K)³ + W_max.
        var unbound = samples.Where(s => s.Rate < 2 * sut.MeasuredRate - 0.5).ToList();
        Assert.True(unbound.Count >= samples.Count / 2, $"only {unbound.Count} of {samples.Count} samples are below the cap");
        foreach (var (t, rate) in unbound)
        {
            Assert.Equal((0.4 * Math.Pow(t - k, 3)) + wMax, rate, 6);
        }

        var atK = samples.MinBy(s => Math.Abs(s.T - k));
        Assert.InRange(atK.Rate, wMax - 0.1, wMax + 0.1);
        Assert.True(samples[^1].Rate > wMax, "past K the rate probes above W_max");
        Assert.True(samples[0].Rate < samples[5].Rate && samples[5].Rate < samples[15].Rate, "the rate grows back");
    }

    [Fact]
    public void OnAnswer_RepeatedThrottles_NeverGoBelowTheFloor()
    {
        var sut = CreateSut();
        double? rate = null;
        for (var i = 0; i < 30; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            rate = sut.OnAnswer(throttled: true);
            Assert.True(rate >= 0.5, $"rate {rate} below the floor");
        }

        Assert.Equal(0.5, rate);
    }

    [Fact]
    public void OnAnswer_ThrottleBeforeTheFirstBucketCloses_EstimatesFromTheOpenBucketInsteadOfCollapsing()
    {
        var sut = CreateSut();
        for (var i = 0; i < 8; i++)
        {
            sut.OnAnswer(throttled: false);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        var rate = sut.OnAnswer(throttled: true);

        // 9 answers in the open bucket, counted over at least one 0.5 s bucket: 18 a second, times 0.7.
        Assert.Equal(0.7 * 9 / 0.5, rate!.Value, 6);
    }

    private CubicRateController CreateSut() => new(_options, _time);

    private List<double?> SendAt(CubicRateController sut, double perSecond, double seconds)
    {
        var rates = new List<double?>();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1 / perSecond));
            rates.Add(sut.OnAnswer(throttled: false));
        }

        return rates;
    }
}
