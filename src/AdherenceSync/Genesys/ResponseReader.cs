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

    /// <summary>The first buffer for an answer that does not say its length.</summary>
    private const int InitialBufferBytes = 4096;

    /// <summary>Reads a query's answer: its parsed body, and the listing when it came inline.</summary>
    public static Task<ApiAnswer> ReadQueryAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
        => ReadAsync(response, now, cancellationToken, static (answer, body, truncated) =>
        {
            var parsed = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationQueryResponse, out var problem);
            return (answer with { Query = parsed, Listing = parsed?.Result }, problem);
        });

    /// <summary>
    /// Reads a downloaded listing, of at most <see cref="GenesysConstants.MaxListingBytes"/>, with the status it came with:
    /// whether the download succeeded is the classifier's to say (<c>AnswerClassifier.ListingOf</c>).
    /// </summary>
    public static async Task<(int Status, ExplanationListing? Listing)> ReadListingAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (buffer, length, truncated) = await ReadBoundedAsync(response.Content, GenesysConstants.MaxListingBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return ((int)response.StatusCode, TryParse(buffer.AsSpan(0, length), truncated, GenesysJsonContext.Default.ExplanationListing, out _));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a write's answer, or a job poll's.</summary>
    public static Task<ApiAnswer> ReadAsync(HttpResponseMessage response, DateTimeOffset now, bool isJobPoll, CancellationToken cancellationToken)
        => isJobPoll
            ? ReadAsync(response, now, cancellationToken, static (answer, body, truncated) =>
            {
                var job = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationJob, out var problem);
                return (answer with { Job = job }, problem);
            })
            : ReadAsync(response, now, cancellationToken, static (answer, body, truncated) =>
            {
                var written = TryParse(body, truncated, GenesysJsonContext.Default.ExplanationWriteResponse, out var problem);
                return (answer with { Body = written }, problem);
            });

    /// <summary>
    /// Reads the headers and a bounded body, whatever the status: the body is read both in the shape the request expects
    /// and as the platform's error (kept when it says anything), and only the classifier, which reads the status, says
    /// which of them counts.
    /// </summary>
    private static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken, BodyReader readShape)
    {
        var (buffer, length, truncated) = await ReadBoundedAsync(response.Content, GenesysConstants.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = buffer.AsSpan(0, length);
            var error = MayBeError(body) && TryParse(body, truncated, GenesysJsonContext.Default.GenesysError, out _) is { } read
                && (read.Code is not null || read.Message is not null) ? read : null;
            var answer = new ApiAnswer
            {
                StatusCode = (int)response.StatusCode,
                RetryAfter = RetryAfterParser.Parse(response.Headers, now),
                RateLimit = RateLimitHeaderParser.Parse(response.Headers, now),
                Location = response.Headers.Location,
                Error = error,
            };
            if (error is not null)
            {
                // The platform's error is no job and no write: its "status" is a number where a job's is a word.
                return answer;
            }

            var (shaped, problem) = readShape(answer, body, truncated);
            return shaped with { BodyProblem = Snippet(body, problem) };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether a body can be the platform's error, which has a <c>code</c> or a <c>message</c>: the others (a write, a job)
    /// are not read as one, which would cost a parse, and for a job an exception on its "status", on every answer.
    /// </summary>
    private static bool MayBeError(ReadOnlySpan<byte> body) => body.IndexOf("\"code\""u8) >= 0 || body.IndexOf("\"message\""u8) >= 0;

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

    /// <summary>Parses a body in the shape a request expects, into the answer; returns what was wrong with it, if anything.</summary>
    private delegate (ApiAnswer Answer, string? Problem) BodyReader(ApiAnswer answer, ReadOnlySpan<byte> body, bool truncated);

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes and one more; the buffer is rented from <see cref="ArrayPool{T}.Shared"/>
    /// (the caller returns it) and grows only as far as the body needs.
    /// </summary>
    /// <remarks>
    /// Answers are a few hundred bytes, and the bound is there for hostile ones: a buffer of the bound's size rented for
    /// each answer (2 MB for a listing's bound) is kept by the pool for every thread that read one, megabytes held for
    /// nothing. So the buffer starts at the length the answer gives, or <see cref="InitialBufferBytes"/>, and doubles.
    /// </remarks>
    internal static async Task<(byte[] Buffer, int Length, bool Truncated)> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var wanted = Math.Max(InitialBufferBytes, (content.Headers.ContentLength ?? 0) + 1);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, wanted));
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (length <= limit)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, limit + 1);
                    }

                    var room = Math.Min(buffer.Length, limit + 1) - length;
                    var read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, Math.Min(length, limit), length > limit);
    }

    /// <summary>Moves what was read into a rented buffer twice as big (at most <paramref name="most"/>), returning the old one.</summary>
    private static byte[] Grow(byte[] buffer, int length, int most)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(most, buffer.Length * 2L));
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
