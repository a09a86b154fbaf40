using System.Globalization;
using AdherenceSync.Authentication;
using AdherenceSync.Genesys;
using Polly;
using Polly.Timeout;

namespace AdherenceSync.Push;

/// <summary>
/// The one place that reads what the platform answered (status, body, Retry-After) or how the exchange failed, and says
/// what it means (<see cref="AnswerMeaning"/>). Retry, pacing, job confirmation, the check of a write in doubt and the
/// report switch on its verdict; none of them reads an HTTP status. What else the answer said (its status for the report,
/// its rate-limit headers, Retry-After and limit key for pacing) goes with the verdict as <see cref="AnswerSignals"/>. The README's "What the client does with each
/// answer" is this file in words.
/// </summary>
internal static class AnswerClassifier
{
    /// <summary>What one exchange of <paramref name="kind"/> means.</summary>
    /// <param name="kind">The request: a write, a job poll or a query.</param>
    /// <param name="outcome">Its answer, or how it failed.</param>
    /// <param name="inFlight">Whether the request had left when it failed: only then may a failed write have landed.</param>
    /// <param name="maxRetryAfter">The longest Retry-After worth waiting for.</param>
    public static AnswerMeaning Classify(RequestKind kind, Outcome<ApiAnswer> outcome, bool inFlight, TimeSpan maxRetryAfter)
        => outcome.Exception is { } exception
            ? FromException(exception, inFlight)
            : FromAnswer(kind, outcome.Result!, maxRetryAfter) with { Signals = SignalsOf(outcome.Result!) };

    /// <summary>The reason a refusal of the credentials halts the push with.</summary>
    public static string CredentialsRefused(ApiAnswer answer) => $"{answer.Describe()}: the credentials were refused";

    /// <summary>Whether a status is a success (2xx): the one place that says so, for the classifier and the request's span.</summary>
    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    /// <summary>The listing a download served, when the download succeeded.</summary>
    public static ExplanationListing? ListingOf(int status, ExplanationListing? listing) => IsSuccess(status) ? listing : null;

    /// <summary>The error of a row whose job ended in <c>Error</c>.</summary>
    public static string JobFailed(string? jobId, ExplanationJob job) => $"job {jobId} ended in Error: {job.Error?.ToString() ?? "(no message)"}";

    private static AnswerSignals SignalsOf(ApiAnswer answer) => new(
        answer.StatusCode,
        answer.RateLimit,
        answer.RetryAfter.Delay,
        answer.Error?.Limit?.Key,
        answer switch
        {
            { StatusCode: 200, Body.Job.Id: { } jobId } => $"the platform answered 200 with job {jobId} only; a 200's job carries no explanation id and cannot be polled",
            { StatusCode: 200 } => "the platform answered 200 without an explanation id",
            _ => "the platform confirmed the write without giving its explanation id",
        });

    private static AnswerMeaning FromAnswer(RequestKind kind, ApiAnswer answer, TimeSpan maxRetryAfter)
    {
        var status = answer.StatusCode;
        if (status is 401 or 403)
        {
            return new(AnswerVerdict.Halt, CredentialsRefused(answer));
        }

        var throttled = status == 429;
        var serverFailed = status is 500 or 502 or 503 or 504;
        if (status is 408 or 429 || serverFailed)
        {
            // A 5xx may come after the platform applied the write; a 408 or 429 is never applied.
            var mayHaveApplied = kind == RequestKind.Write && serverFailed;
            if (answer.RetryAfter.Delay is { } delay && delay > maxRetryAfter)
            {
                return new(kind == RequestKind.Poll ? AnswerVerdict.Pending : AnswerVerdict.Final, string.Create(CultureInfo.InvariantCulture,
                    $"{answer.Describe()}; the server asked to wait {answer.RetryAfter} ({delay.TotalSeconds:F0} s), longer than MaxRetryAfter ({maxRetryAfter.TotalSeconds:F0} s); not retried"),
                    mayHaveApplied, throttled);
            }

            return new(AnswerVerdict.Retryable, answer.Describe(), mayHaveApplied, throttled);
        }

        return kind switch
        {
            RequestKind.Poll => FromPoll(answer),
            RequestKind.Query => IsSuccess(answer.StatusCode) ? new(AnswerVerdict.Applied, answer.Describe()) : new(AnswerVerdict.Final, answer.Describe()),
            _ => FromWrite(answer),
        };
    }

    private static AnswerMeaning FromWrite(ApiAnswer answer)
    {
        var status = answer.StatusCode;
        if (status is >= 300 and < 400)
        {
            return new(AnswerVerdict.Final,
                $"HTTP {status}: redirected to {answer.Location?.ToString() ?? "(no location)"}; redirects are not followed, so the token never goes to another host");
        }

        if (status is >= 400 and < 500)
        {
            return new(AnswerVerdict.Rejected, answer.Describe());
        }

        if (!IsSuccess(status))
        {
            return new(AnswerVerdict.Final, answer.Describe());
        }

        var job = answer.Body?.Job;
        var explanation = answer.Body?.AdherenceExplanation ?? job?.AdherenceExplanation;
        if (job is { Status: JobConstants.Error })
        {
            return new(AnswerVerdict.Rejected, JobFailed(job.Id, job), JobId: job.Id);
        }

        // The platform's 200 holds the job reference only: that is a success. A 2xx with neither is a lost answer.
        if (job is null && explanation is null)
        {
            return new(AnswerVerdict.Unknown, answer.Describe(), MayHaveApplied: true);
        }

        // The platform took the write as a job that is not finished: no explanation yet, and a 202 or a job still processing.
        return explanation is null && (status == 202 || job?.Status == JobConstants.Processing)
            ? new(AnswerVerdict.Pending, $"the platform accepted job {job?.Id ?? "(no id)"} (HTTP {status})", JobId: job?.Id)
            : new(AnswerVerdict.Applied, answer.Describe(), JobId: job?.Id, ExplanationId: explanation?.Id);
    }

    private static AnswerMeaning FromPoll(ApiAnswer answer)
    {
        if (answer.StatusCode == 404)
        {
            return new(AnswerVerdict.Gone, $"the platform no longer knows it ({answer.Describe()})");
        }

        if (!IsSuccess(answer.StatusCode) || answer.Job is not { } job)
        {
            return new(AnswerVerdict.Pending, answer.Describe());
        }

        return job.Status switch
        {
            JobConstants.Complete => new(AnswerVerdict.Applied, answer.Describe(), JobId: job.Id, ExplanationId: job.AdherenceExplanation?.Id),
            JobConstants.Error => new(AnswerVerdict.Rejected, JobFailed(job.Id, job), JobId: job.Id),
            _ => new(AnswerVerdict.Pending, $"it was still {job.Status}", JobId: job.Id),
        };
    }

    private static AnswerMeaning FromException(Exception exception, bool inFlight)
    {
        var reason = $"{exception.GetType().Name}: {exception.Message}";
        return exception switch
        {
            AccessTokenException { CredentialsRejected: true } => new(AnswerVerdict.Halt, exception.Message),

            // Signing in failed inside the token handler: the request never left.
            AccessTokenException => new(AnswerVerdict.Retryable, reason),
            TimeoutRejectedException => new(AnswerVerdict.Retryable, reason, MayHaveApplied: inFlight),

            // A failure to connect sent nothing; any other transport failure may come after the platform had the request.
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => new(AnswerVerdict.Retryable, reason),
            HttpRequestException => new(AnswerVerdict.Retryable, reason, MayHaveApplied: inFlight),
            OperationCanceledException => new(AnswerVerdict.Stopped, reason, MayHaveApplied: inFlight),
            _ => new(AnswerVerdict.Final, reason),
        };
    }
}
