using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AdherenceSync.Genesys;

/// <summary>
/// Reads an answer into an <see cref="ApiAnswer"/>, reading at most <see cref="GenesysConstants.MaxErrorBodyBytes"/>
/// of any body, so that a hostile or broken server cannot make the client buffer without bound.
/// </summary>
internal static class ResponseReader
{
    private const int SnippetChars = 200;

    /// <summary>Reads a query's answer: on a success, its parsed body and the listing when it came inline.</summary>
    public static async Task<ApiAnswer> ReadQueryAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return await ReadAsync(response, now, isJobPoll: false, cancellationToken).ConfigureAwait(false);
        }

        var (buffer, length, truncated) = await ReadBoundedAsync(response.Content, GenesysConstants.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            var parsed = TryParse(buffer.AsSpan(0, length), truncated, GenesysJsonContext.Default.ExplanationQueryResponse, out var problem);
            return new ApiAnswer
            {
                StatusCode = (int)response.StatusCode,
                RetryAfter = RetryAfterParser.Parse(response.Headers, now),
                RateLimit = RateLimitHeaderParser.Parse(response.Headers, now),
                Query = parsed,
                Listing = parsed?.Result,
                BodyProblem = problem,
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a downloaded listing, of at most <see cref="GenesysConstants.MaxListingBytes"/>; none when the download failed.</summary>
    public static async Task<ExplanationListing?> ReadListingAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var (buffer, length, truncated) = await ReadBoundedAsync(response.Content, GenesysConstants.MaxListingBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return TryParse(buffer.AsSpan(0, length), truncated, GenesysJsonContext.Default.ExplanationListing, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, DateTimeOffset now, bool isJobPoll, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterParser.Parse(response.Headers, now);
        var rateLimit = RateLimitHeaderParser.Parse(response.Headers, now);
        var (buffer, length, truncated) = await ReadBoundedAsync(response.Content, GenesysConstants.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = buffer.AsSpan(0, length);
            if (status is >= 200 and < 300 && isJobPoll)
            {
                var job = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationJob, out var jobProblem);
                return new ApiAnswer { StatusCode = status, RetryAfter = retryAfter, RateLimit = rateLimit, Job = job, BodyProblem = jobProblem };
            }

            if (status is >= 200 and < 300)
            {
                var parsed = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationWriteResponse, out var problem);
                return new ApiAnswer { StatusCode = status, RetryAfter = retryAfter, RateLimit = rateLimit, Body = parsed, BodyProblem = problem };
            }

            var error = TryParse(body, truncated, GenesysJsonContext.Default.GenesysError, out var errorProblem);
            return new ApiAnswer
            {
                StatusCode = status,
                RetryAfter = retryAfter,
                RateLimit = rateLimit,
                Location = response.Headers.Location,
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
            problem = $"body larger than {body.Length} bytes (not read past that)";
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

    /// <summary>Reads at most <paramref name="limit"/> bytes and one more; the buffer is rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    internal static async Task<(byte[] Buffer, int Length, bool Truncated)> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        var length = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (length <= limit)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }

        return (buffer, Math.Min(length, limit), length > limit);
    }
}
