using AdherenceSync.Genesys;

namespace AdherenceSync.Tests.Genesys;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    [InlineData(" 7 ", 7)]
    [InlineData("1.5", 1.5)]
    [InlineData("3600", 3600)]
    public void ParseDelay_DeltaSeconds_ReturnsThatDelay(string raw, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterParser.ParseDelay(raw.Trim(), Now));

    [Fact]
    public void ParseDelay_FarFutureHttpDate_IsAVeryLongWait()
        => Assert.Equal(TimeSpan.FromDays(3650), RetryAfterParser.ParseDelay(Now.AddDays(3650).ToString("r"), Now));

    [Theory]
    [InlineData("99999999999")]
    [InlineData("2147483648")]
    [InlineData("999999999999999999999999999999999999999999")]
    public void ParseDelay_TooLargeToRepresent_IsTheLongestWaitNotNoWait(string raw)
        => Assert.Equal(TimeSpan.FromSeconds(int.MaxValue), RetryAfterParser.ParseDelay(raw, Now));

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("5 seconds")]
    public void ParseDelay_NegativeOrUnparseable_ReturnsNullSoTheComputedDelayApplies(string raw)
        => Assert.Null(RetryAfterParser.ParseDelay(raw, Now));

    [Fact]
    public void ParseDelay_HttpDateInTheFuture_ReturnsTimeUntilThen()
        => Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterParser.ParseDelay(Now.AddSeconds(90).ToString("r"), Now));

    [Fact]
    public void ParseDelay_Rfc850Date_IsUnderstood()
        => Assert.Equal(TimeSpan.FromMinutes(2), RetryAfterParser.ParseDelay("Sunday, 29-Nov-26 09:02:00 GMT", Now));

    [Fact]
    public void ParseDelay_HttpDateInThePast_ReturnsNull()
        => Assert.Null(RetryAfterParser.ParseDelay(Now.AddSeconds(-30).ToString("r"), Now));

    [Theory]
    [InlineData("Retry-After")]
    [InlineData("retry-after")]
    [InlineData("RETRY-AFTER")]
    public void Parse_HeaderNameInAnyCase_IsFound(string name)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(name, "12");

        var hint = RetryAfterParser.Parse(response.Headers, Now);

        Assert.Equal("12", hint.Raw);
        Assert.Equal(TimeSpan.FromSeconds(12), hint.Delay);
    }

    [Fact]
    public void Parse_InvalidValueTheTypedParserDrops_IsStillSeenRaw()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "-5");

        var hint = RetryAfterParser.Parse(response.Headers, Now);

        Assert.Equal("-5", hint.Raw);
        Assert.Null(hint.Delay);
    }

    [Fact]
    public void Parse_NoHeader_ReturnsNone()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);

        Assert.Equal(RetryAfterHint.None, RetryAfterParser.Parse(response.Headers, Now));
    }
}
