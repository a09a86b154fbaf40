using System.Globalization;
using System.Net.Http.Headers;

namespace AdherenceSync.Resilience;

/// <summary>
/// Parses Retry-After as delta-seconds or an HTTP date, whatever the header name's case.
/// </summary>
/// <remarks>
/// The raw value is read (not the typed <see cref="HttpResponseHeaders.RetryAfter"/>), so that a value the typed parser
/// drops, such as <c>-5</c>, is still seen (and quoted) here. Negative, unparseable and out-of-range delta-seconds
/// (beyond <see cref="int.MaxValue"/>, such as <c>99999999999</c>), and dates in the past, give no delay: the computed
/// backoff applies. A date far in the future is a real, long wait.
/// </remarks>
internal static class RetryAfterParser
{
    private const string HeaderName = "Retry-After";

    private static readonly string[] HttpDateFormats =
    [
        "r", // RFC 1123: Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'", // RFC 850
        "ddd MMM d HH:mm:ss yyyy", // asctime
    ];

    public static RetryAfterHint Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.NonValidated.TryGetValues(HeaderName, out var values))
        {
            return RetryAfterHint.None;
        }

        var raw = values.ToString().Trim();
        return new RetryAfterHint(raw, ParseDelay(raw, now));
    }

    public static TimeSpan? ParseDelay(string raw, DateTimeOffset now)
    {
        if (decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            // Negative, or more seconds than an int holds (68 years; no server means that): not a usable value.
            return seconds is < 0 or > int.MaxValue ? null : TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        if (DateTimeOffset.TryParseExact(raw, HttpDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : null;
        }

        return null;
    }
}
