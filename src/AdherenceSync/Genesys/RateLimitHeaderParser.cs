using System.Globalization;
using System.Net.Http.Headers;
using AdherenceSync.Pacing;

namespace AdherenceSync.Genesys;

/// <summary>
/// Reads rate-limit headers: Genesys' <c>inin-ratelimit-count/-allowed/-reset</c>, the IETF draft's <c>RateLimit</c> and
/// <c>RateLimit-Policy</c> (<c>"default";r=50;t=30</c>, <c>"default";q=100;w=60</c>), and the older
/// <c>RateLimit-Limit/-Remaining/-Reset</c> (or <c>X-RateLimit-*</c>). Malformed values are ignored, never thrown.
/// </summary>
internal static class RateLimitHeaderParser
{
    // A reset this large is an epoch time, not a count of seconds.
    private const double EpochThreshold = 1_000_000_000;

    public static RateLimitSnapshot? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Genesys(headers) ?? Structured(headers) ?? Separate(headers, "RateLimit-", now) ?? Separate(headers, "X-RateLimit-", now);
    }

    private static RateLimitSnapshot? Genesys(HttpResponseHeaders headers)
        => Number(headers, "inin-ratelimit-allowed") is { } allowed
           && Number(headers, "inin-ratelimit-count") is { } count
           && Number(headers, "inin-ratelimit-reset") is { } reset
            ? new RateLimitSnapshot(allowed, Math.Max(0, allowed - count), TimeSpan.FromSeconds(reset), null, RateLimitSnapshot.GenesysSource)
            : null;

    private static RateLimitSnapshot? Structured(HttpResponseHeaders headers)
    {
        if (Raw(headers, "RateLimit") is not { } value)
        {
            return null;
        }

        var fields = Parameters(value);
        var remaining = Get(fields, "r") ?? Get(fields, "remaining");
        var reset = Get(fields, "t") ?? Get(fields, "reset");
        if (remaining is null || reset is null)
        {
            return null;
        }

        var policy = Raw(headers, "RateLimit-Policy") is { } p ? Parameters(p) : [];
        var window = Get(policy, "w");
        return new RateLimitSnapshot(
            Get(policy, "q") ?? Get(policy, "$first") ?? Get(fields, "limit"),
            remaining.Value,
            TimeSpan.FromSeconds(reset.Value),
            window is { } w && w > 0 ? TimeSpan.FromSeconds(w) : null,
            "RateLimit");
    }

    private static RateLimitSnapshot? Separate(HttpResponseHeaders headers, string prefix, DateTimeOffset now)
    {
        if (Number(headers, prefix + "Remaining") is not { } remaining || Number(headers, prefix + "Reset") is not { } reset)
        {
            return null;
        }

        var seconds = reset >= EpochThreshold ? Math.Max(0, reset - now.ToUnixTimeSeconds()) : reset;
        return new RateLimitSnapshot(Number(headers, prefix + "Limit"), remaining, TimeSpan.FromSeconds(seconds), null, prefix.TrimEnd('-'));
    }

    /// <summary>Parses <c>"name";a=1;b=2</c> (first list member only) or <c>a=1, b=2</c> into key/value pairs.</summary>
    private static Dictionary<string, double> Parameters(string value)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var first = value.Split(',')[0];
        var parts = value.Contains(';', StringComparison.Ordinal) ? first.Split(';') : value.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && TryNumber(part[(equals + 1)..], out var number))
            {
                result[part[..equals].Trim()] = number;
            }
            else if (i == 0 && TryNumber(part, out var bare))
            {
                result["$first"] = bare;
            }
        }

        return result;
    }

    private static double? Get(Dictionary<string, double> fields, string key) => fields.TryGetValue(key, out var v) ? v : null;

    private static string? Raw(HttpResponseHeaders headers, string name)
        => headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static double? Number(HttpResponseHeaders headers, string name)
        => Raw(headers, name) is { } raw && TryNumber(raw, out var number) ? number : null;

    private static bool TryNumber(string text, out double number)
        => double.TryParse(text.Trim().Trim('"'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
           && double.IsFinite(number) && number >= 0;
}
