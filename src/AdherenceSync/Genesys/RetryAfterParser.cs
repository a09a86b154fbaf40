using System.Globalization;
using System.Net.Http.Headers;

namespace AdherenceSync.Genesys;

/// <summary>
/// Parses Retry-After as delta-seconds or an HTTP date, whatever the header name's case.
/// </summary>
/// <remarks>
/// The raw value is read (not the typed <see cref="HttpResponseHeaders.RetryAfter"/>), so that a value the typed parser
/// drops, such as <c>-5</c>, is still seen (and quoted) here. Negative and unparseable values and dates in the past give
/// no delay: the computed backoff applies. Delta-seconds too large to represent (such as <c>99999999999</c>) and a date
/// far in the future are a real, long wait: longer than any <see cref="RetryOptions.MaxRetryAfter"/>, so the row fails
/// quoting it and the pause holds for every send that shares the budget.
/// </remarks>
internal static class RetryAfterParser
{
    private const string HeaderName = "Retry-After";

    /// <summary>What a wait too large to represent is taken as: 68 years, which every clock and date here can add.</summary>
    private const int LongestWaitSeconds = int.MaxValue;

    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(LongestWaitSeconds);

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
            return seconds < 0 ? null : seconds > LongestWaitSeconds ? LongestWait : TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        if (raw.Length > 0 && raw.All(char.IsAsciiDigit))
        {
            // Digits only, more than a decimal holds: the longest wait there is.
            return LongestWait;
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
