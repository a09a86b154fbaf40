using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AdherenceSync.Genesys;

namespace AdherenceSync.Resilience;

/// <summary>
/// Reads an answer into an <see cref="AttemptResult"/>, reading at most <see cref="ResilienceConstants.MaxErrorBodyBytes"/>
/// of any body, so that a hostile or broken server cannot make the client buffer without bound.
/// </summary>
internal static class ResponseReader
{
    private const int SnippetChars = 200;

    public static async Task<AttemptResult> ReadAsync(HttpResponseMessage response, DateTimeOffset now, bool isJobPoll, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterParser.Parse(response.Headers, now);
        var rateLimit = Pacing.RateLimitHeaderParser.Parse(response.Headers, now);
        var (buffer, length, truncated) = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = buffer.AsSpan(0, length);
            if (status is >= 200 and < 300 && isJobPoll)
            {
                var job = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationJob, out var jobProblem);
                return new AttemptResult { StatusCode = status, RetryAfter = retryAfter, RateLimit = rateLimit, Job = job, BodyProblem = jobProblem };
            }

            if (status is >= 200 and < 300)
            {
                var parsed = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationWriteResponse, out var problem);
                return new AttemptResult { StatusCode = status, RetryAfter = retryAfter, RateLimit = rateLimit, Body = parsed, BodyProblem = problem };
            }

            var error = TryParse(body, truncated, GenesysJsonContext.Default.GenesysError, out var errorProblem);
            return new AttemptResult
            {
                StatusCode = status,
                RetryAfter = retryAfter,
                RateLimit = rateLimit,
                Error = error,
                BodyProblem = error is null ? Snippet(body, errorProblem) : null,
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T? TryParse<T>(ReadOnlySpan<byte> body, bool truncated, JsonTypeInfo<T> typeInfo, out string? problem)
        where T : class
    {
        if (truncated)
        {
            problem = $"body larger than {ResilienceConstants.MaxErrorBodyBytes} bytes (not read past that)";
            return null;
        }

        if (body.IsEmpty)
        {
            problem = "empty body";
            return null;
        }

        try
        {
            problem = null;
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            problem = "malformed JSON body";
            return null;
        }
    }

    private static string? Snippet(ReadOnlySpan<byte> body, string? problem)
    {
        if (problem is null || body.IsEmpty)
        {
            return problem;
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, SnippetChars * 4)]);
        text = new string([.. text.Take(SnippetChars).Select(c => char.IsControl(c) ? ' ' : c)]);
        return $"{problem}: {text.Trim()}";
    }

    private static async Task<(byte[] Buffer, int Length, bool Truncated)> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ResilienceConstants.MaxErrorBodyBytes + 1);
        var length = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (length <= ResilienceConstants.MaxErrorBodyBytes)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length, ResilienceConstants.MaxErrorBodyBytes + 1 - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }

        var truncated = length > ResilienceConstants.MaxErrorBodyBytes;
        return (buffer, Math.Min(length, ResilienceConstants.MaxErrorBodyBytes), truncated);
    }
}
