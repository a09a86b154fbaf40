using System.Net;
using AdherenceSync.Genesys;
using AdherenceSync.Pacing;

namespace AdherenceSync.Tests.Genesys;

public sealed class RateLimitHeaderParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_GenesysHeaders_ReadsAllowedCountAndReset()
    {
        var snapshot = Parse(("inin-ratelimit-count", "1"), ("inin-ratelimit-allowed", "180"), ("inin-ratelimit-reset", "61"));

        Assert.Equal(new RateLimitSnapshot(180, 179, TimeSpan.FromSeconds(61), null, "inin"), snapshot);
    }

    [Fact]
    public void Parse_IetfStructuredFields_ReadsRemainingResetQuotaAndWindow()
    {
        var snapshot = Parse(("RateLimit", "\"default\";r=50;t=30"), ("RateLimit-Policy", "\"default\";q=100;w=60"));

        Assert.Equal(new RateLimitSnapshot(100, 50, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), "RateLimit"), snapshot);
    }

    [Fact]
    public void Parse_OlderDraftInOneHeader_ReadsLimitRemainingReset()
    {
        var snapshot = Parse(("RateLimit", "limit=100, remaining=7, reset=12"));

        Assert.Equal(new RateLimitSnapshot(100, 7, TimeSpan.FromSeconds(12), null, "RateLimit"), snapshot);
    }

    [Fact]
    public void Parse_SeparateHeaders_ReadLimitRemainingReset()
    {
        var snapshot = Parse(("RateLimit-Limit", "300"), ("RateLimit-Remaining", "12"), ("RateLimit-Reset", "20"));

        Assert.Equal(new RateLimitSnapshot(300, 12, TimeSpan.FromSeconds(20), null, "RateLimit"), snapshot);
    }

    [Fact]
    public void Parse_XRateLimitResetAsEpoch_IsTurnedIntoSecondsFromNow()
    {
        var snapshot = Parse(("X-RateLimit-Remaining", "5"), ("X-RateLimit-Reset", Now.AddSeconds(42).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(TimeSpan.FromSeconds(42), snapshot!.Value.Reset);
    }

    [Theory]
    [InlineData("inin-ratelimit-count", "abc")]
    [InlineData("inin-ratelimit-count", "-3")]
    [InlineData("inin-ratelimit-count", "NaN")]
    [InlineData("inin-ratelimit-count", "")]
    public void Parse_MalformedGenesysValue_IsIgnoredNotThrown(string name, string value)
    {
        var snapshot = Parse((name, value), ("inin-ratelimit-allowed", "180"), ("inin-ratelimit-reset", "61"));

        Assert.Null(snapshot);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("\"default\";r=x;t=30")]
    [InlineData(";;;=")]
    public void Parse_MalformedStructuredField_IsIgnored(string value)
        => Assert.Null(Parse(("RateLimit", value)));

    [Fact]
    public void Parse_NoHeaders_ReturnsNull() => Assert.Null(Parse());

    private static RateLimitSnapshot? Parse(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return RateLimitHeaderParser.Parse(response.Headers, Now);
    }
}
