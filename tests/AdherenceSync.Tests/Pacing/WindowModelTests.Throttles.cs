using AdherenceSync.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Pacing;

/// <content>
/// The window learned from 429s: how it paces once learned, and how it learns from scripted 429s alone (a server of 24
/// every 6 s that sends no headers).
/// </content>
public sealed partial class WindowModelTests
{
    private readonly FakeTimeProvider _time = new();
    private long _anchor;

    [Fact]
    public void AllowedAt_NothingLearned_AllowsEverySend()
    {
        var sut = new WindowModel(_time);
        var now = _time.GetTimestamp();
        sut.OnGranted(now, 100);

        Assert.Equal(now, sut.AllowedAt(now, 1));
    }

    [Fact]
    public void AllowedAt_AllowanceUsed_WaitsUntilTheOldestGrantSlidesOutPlusTheAnswerTime()
    {
        var sut = new WindowModel(_time);
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
        var sut = new WindowModel(_time);
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
        var sut = new WindowModel(_time);
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

    [Fact]
    public void OnThrottled_FirstCycle_IsOnlyAGuess()
    {
        var sut = new WindowModel(_time);

        Accept(sut, 24);
        Assert.True(sut.OnThrottled(Now, Now + Seconds(6)));

        Assert.Equal(24, sut.Guess!.Value.Allowed);
        Assert.False(sut.IsConfirmed);
        Assert.Null(sut.Allowed);
    }

    [Fact]
    public void OnThrottled_SecondCycleFromAReset_ConfirmsTheWindow()
    {
        var sut = new WindowModel(_time);
        Accept(sut, 10);
        sut.OnThrottled(Now, Now + Seconds(6));
        _time.Advance(TimeSpan.FromSeconds(6));
        var start = Now;

        Accept(sut, 24);
        Assert.True(sut.OnThrottled(Now, start + Seconds(6)));

        Assert.True(sut.IsConfirmed);
        Assert.Equal(24, sut.Allowed);
        Assert.Equal(Seconds(6), sut.Length);
    }

    [Fact]
    public void OnThrottled_AtTheStartOfABurst_RefinesTheLengthOverTheWindowsSinceTheAnchor()
    {
        var sut = Confirmed(learnedLength: 5.5);

        // The server's window is 6 s: the first send of the next burst, 5.5 s on, is refused until just after 6 s.
        Assert.True(sut.OnThrottled(Now, _anchor + Seconds(6.2)));

        Assert.Equal(1, sut.Refinements);
        Assert.Equal(0, sut.Surprises);
        Assert.True(sut.IsConfirmed);
        Assert.Equal(6.2, sut.Length!.Value / (double)_time.TimestampFrequency, 3);
    }

    [Fact]
    public void OnThrottled_AfterTheFullAllowance_LowersItByOneEachTimeAndKeepsPacing()
    {
        // The span before each 429 held the whole allowance, yet the server refused: the window's shape is off (a token
        // bucket refills slower than its burst). One less each time, still paced: no new learning with every queue let loose.
        var sut = Confirmed(learnedLength: 6);
        for (var i = 1; i <= 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            var allowed = (int)sut.Allowed!.Value;
            Accept(sut, allowed);

            Assert.True(sut.OnThrottled(Now, Now + Seconds(6)));
            Assert.True(sut.IsConfirmed);
            Assert.Equal(24 - i, sut.Allowed);
            Assert.Equal(Seconds(6), sut.Length);
        }

        Assert.Equal(3, sut.Surprises);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    public void OnThrottled_BelowTheAllowance_LowersItAtOnceToWhatTheWindowTook(int limit)
    {
        var sut = Confirmed(learnedLength: 6);
        _time.Advance(TimeSpan.FromSeconds(6));

        // The server now allows fewer (two thirds, or a third): the send after them is refused.
        Accept(sut, limit);
        Assert.True(sut.OnThrottled(Now, Now + Seconds(6)));

        Assert.Equal(limit, sut.Allowed);
        Assert.Equal(1, sut.Lowered);
        Assert.Equal(0, sut.Ignored);
        Assert.True(sut.IsConfirmed);
        Assert.Equal(0, sut.Surprises);
    }

    [Fact]
    public void OnThrottled_FarBelowTheAllowanceOnce_TeachesNothingAndTwiceLowers()
    {
        var sut = Confirmed(learnedLength: 6);
        _time.Advance(TimeSpan.FromSeconds(6));

        // 3 of 24: a 429 no budget explains (random, or another client's); it teaches nothing.
        Accept(sut, 3);
        Assert.True(sut.OnThrottled(Now, Now + Seconds(6)));
        Assert.Equal(24, sut.Allowed);
        Assert.Equal(1, sut.Ignored);

        // The next window says the same: the limit really fell to 5.
        _time.Advance(TimeSpan.FromSeconds(6));
        Accept(sut, 5);
        Assert.True(sut.OnThrottled(Now, Now + Seconds(6)));

        Assert.Equal(5, sut.Allowed);
        Assert.Equal(1, sut.Lowered);
        Assert.Equal(1, sut.Ignored);
    }

    [Fact]
    public void OnAccepted_AllowanceHeldInFull_IsProbedUpwardAndARefusedProbeFallsBack()
    {
        var sut = Confirmed(learnedLength: 6);

        // Used in full, window after window, with no 429: after two windows and 16 sends, a probe asks for three times as much.
        for (var i = 0; i < WindowModel.HeldWindowsBeforeProbe + 1 && sut.Probes == 0; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            Accept(sut, 24);
        }

        Assert.Equal(1, sut.Probes);
        Assert.Equal(72, sut.Allowed);

        // The server still allows 24: the probe costs one 429 and the allowance is what held before it.
        _time.Advance(TimeSpan.FromSeconds(6));
        Accept(sut, 24);
        Assert.True(sut.OnThrottled(Now, Now + Seconds(6)));

        Assert.Equal(24, sut.Allowed);
        Assert.Equal(0, sut.Surprises);
        Assert.True(sut.IsConfirmed);
    }

    [Theory]
    [InlineData(30, 0)] // the limit rose to 30: the probe of 72 is refused at the 31st, which shows the new limit
    [InlineData(8, 1)] // the limit fell to 8 as the probe went out: the window took less than the 24 that held before it
    public void OnThrottled_ProbeRefused_KeepsWhatTheWindowTook(int limit, int lowered)
    {
        var sut = ProbedOnce();

        var windowStart = Now;
        Accept(sut, limit);
        Assert.True(sut.OnThrottled(Now, windowStart + Seconds(6)));

        Assert.Equal(((double?)limit, lowered, 0), (sut.Allowed, sut.Lowered, sut.Surprises));
    }

    [Fact]
    public void OnAccepted_ProbesThatFindNothing_ComeLessOftenEachTime()
    {
        var sut = ProbedOnce();
        var windowsBetweenProbes = new List<int>();

        // The server stays at 24: each probe is refused, and each refusal after the second doubles the sends the next waits for.
        for (var probe = 0; probe < 6; probe++)
        {
            var windowStart = Now;
            Accept(sut, 24);
            sut.OnThrottled(Now, windowStart + Seconds(6));
            var probes = sut.Probes;
            var windows = 0;
            while (sut.Probes == probes)
            {
                ToNextWindow();
                Accept(sut, 24);
                windows++;
            }

            windowsBetweenProbes.Add(windows);
            ToNextWindow(); // the probe's sends go in the next window
        }

        // Two whole windows after each refusal (which came a little into its window), and 16, 16, 16, 32, 64, 128 sends of 24
        // a window: the sends count once they take longer than the windows.
        Assert.Equal([3, 3, 3, 3, 6, 11], windowsBetweenProbes);
        Assert.Equal(72, sut.Allowed);
    }

    [Fact]
    public void OnThrottled_LimitFellRightAfterAFullWindow_LowersAtOnceToWhatThisWindowTook()
    {
        var sut = Confirmed(learnedLength: 6);
        Accept(sut, 24);
        ToNextWindow();

        // The server's limit fell to 8: the 429 comes at the 9th send, and its Retry-After points to the window's end. The
        // 24 sends at the start of the window before are older than that window can be, and are not counted.
        var windowStart = Now;
        Accept(sut, 8);
        Assert.True(sut.OnThrottled(Now, windowStart + Seconds(6)));

        Assert.Equal(8, sut.Allowed);
        Assert.Equal(1, sut.Lowered);
        Assert.Equal(0, sut.Surprises);
    }

    [Fact]
    public void OnThrottled_SentAtReadAfterItsOwnGrant_DoesNotCountTheRefusedRequest()
    {
        var sut = Confirmed(learnedLength: 6);
        Accept(sut, 24);
        ToNextWindow();

        // A request's send time is read just after the limiter granted it: its own grant lies before that time, and the
        // refused request is not part of what the window took.
        var windowStart = Now;
        Accept(sut, 8);
        Assert.True(sut.OnThrottled(Now + 1, windowStart + Seconds(6)));

        Assert.Equal(8, sut.Allowed);
    }

    [Fact]
    public void OnAccepted_SmallAllowance_IsProbedAfterFourWindowsRatherThanSixteenSends()
    {
        // One of three instances on a token won 2 of the window's 24 in the race after a reset, and learned 2.
        var sut = new WindowModel(_time);
        Accept(sut, 2);
        sut.OnThrottled(Now, Now + Seconds(6));
        _time.Advance(TimeSpan.FromSeconds(6));
        _anchor = Now;
        Accept(sut, 2);
        sut.OnThrottled(Now, _anchor + Seconds(6));
        Assert.Equal(2, sut.Allowed);

        var windows = 0;
        while (sut.Probes == 0 && windows < 20)
        {
            ToNextWindow();
            Accept(sut, 2);
            windows++;
        }

        // In the fifth window, once four whole windows have held (24 s), not in the eighth, when 16 sends of 2 a window
        // would have been accepted.
        Assert.Equal(5, windows);
        Assert.Equal(6, sut.Allowed);
    }

    [Fact]
    public void OnAccepted_AllowanceAtTheConfiguredCeiling_IsNotProbed()
    {
        // The user's ceiling is 240 a minute: 24 every 6 s is already all of it.
        var sut = Confirmed(learnedLength: 6, ceilingPerTick: 4d / _time.TimestampFrequency);
        for (var i = 0; i < 6; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            Accept(sut, 24);
        }

        Assert.Equal(0, sut.Probes);
        Assert.Equal(24, sut.Allowed);
    }

    [Fact]
    public void OnAccepted_ProbesThatHold_TripleTheAllowanceEachInItsTurn()
    {
        var sut = Confirmed(learnedLength: 6);
        var seen = new List<double>();

        // The server's limit rose far above 24: every probe holds.
        for (var i = 0; i < 12; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            Accept(sut, (int)sut.Allowed!.Value);
            if (seen.Count == 0 || seen[^1] != sut.Allowed)
            {
                seen.Add(sut.Allowed!.Value);
            }
        }

        Assert.Equal([24, 72, 216, 648], seen.Take(4));
    }

    [Fact]
    public void OnAccepted_AnswerToASendOfAClosedCycle_StillCountsItInTheAllowance()
    {
        var sut = new WindowModel(_time);
        Accept(sut, 10);
        sut.OnThrottled(Now, Now + Seconds(6));
        _time.Advance(TimeSpan.FromSeconds(6));
        var cycleStart = Now;
        Accept(sut, 23);
        sut.OnThrottled(Now, cycleStart + Seconds(6));

        // A send of that cycle answered after the 429 that closed it.
        sut.OnAccepted(cycleStart);

        Assert.Equal(24, sut.Allowed);
    }

    private long Now => _time.GetTimestamp();

    private long Seconds(double seconds) => (long)(seconds * _time.TimestampFrequency);

    private WindowModel Confirmed(double learnedLength, double ceilingPerTick = double.PositiveInfinity)
    {
        var sut = new WindowModel(_time, ceilingPerTick);
        Accept(sut, 10);
        sut.OnThrottled(Now, Now + Seconds(learnedLength));
        _time.Advance(TimeSpan.FromSeconds(learnedLength));
        _anchor = Now;
        Accept(sut, 24);
        sut.OnThrottled(Now, _anchor + Seconds(learnedLength));
        _time.SetUtcNow(_time.GetUtcNow() + (TimeSpan.FromSeconds(learnedLength) - _time.GetElapsedTime(_anchor)));
        Assert.True(sut.IsConfirmed);
        return sut;
    }

    /// <summary>A confirmed window of 24 held in full until the first probe asks for 72; the clock is at a window's start.</summary>
    private WindowModel ProbedOnce()
    {
        var sut = Confirmed(learnedLength: 6);
        while (sut.Probes == 0)
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            Accept(sut, 24);
        }

        Assert.Equal(72, sut.Allowed);
        ToNextWindow();
        return sut;
    }

    /// <summary>Moves the clock to the start of the server's next 6 s window (they start at the confirmed reset).</summary>
    private void ToNextWindow()
    {
        var window = TimeSpan.FromSeconds(6).Ticks;
        _time.Advance(TimeSpan.FromTicks(window - (_time.GetElapsedTime(_anchor).Ticks % window)));
    }

    private void Accept(WindowModel sut, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sut.OnGranted(Now, 1);
            sut.OnAccepted(Now);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        sut.OnGranted(Now, 1);
    }
}
