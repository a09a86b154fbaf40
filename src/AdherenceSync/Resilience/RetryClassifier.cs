using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using Polly;
using Polly.Timeout;

namespace AdherenceSync.Resilience;

/// <summary>Which outcomes are worth another attempt.</summary>
internal static class RetryClassifier
{
    public static bool IsRetryableStatus(int statusCode) => statusCode is 408 or 429 or 500 or 502 or 503 or 504;

    public static bool IsRejection(int statusCode) => statusCode is >= 400 and < 500 and not (401 or 403 or 408 or 429);

    public static bool IsAuthFailure(int statusCode) => statusCode is 401 or 403;

    public static bool ShouldRetry(Outcome<ApiAnswer> outcome, TimeSpan maxRetryAfter, bool halted)
    {
        if (halted)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException or AccessTokenException { CredentialsRejected: false };
        }

        var result = outcome.Result!;
        return IsRetryableStatus(result.StatusCode) && !ExceedsMaxRetryAfter(result, maxRetryAfter);
    }

    /// <summary>
    /// Whether a write's outcome is ambiguous: it may have been applied though no success came back. A 5xx counts: the
    /// platform may have applied the write before failing. A failure to connect does not: nothing was sent.
    /// </summary>
    public static bool IsAmbiguous(ApiAnswer? result, Exception? exception, bool inFlight) => (result, exception) switch
    {
        ({ StatusCode: 500 or 502 or 503 or 504 }, _) => true,
        ({ IsSuccess: true, Body: null or { Job: null, AdherenceExplanation: null } }, _) => true,
        (null, TimeoutRejectedException) => inFlight,
        (null, HttpRequestException { HttpRequestError: not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError) }) => inFlight,
        _ => false,
    };

    public static bool ExceedsMaxRetryAfter(ApiAnswer result, TimeSpan maxRetryAfter)
        => result.RetryAfter.Delay is { } delay && delay > maxRetryAfter;
}
