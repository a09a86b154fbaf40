using System.Text;
using AdherenceSync.Resilience;

namespace AdherenceSync.Authentication;

/// <summary>
/// Removes our own secrets from what the server answers, before anything reads it: a server that echoes the request
/// (<c>Authorization: Bearer ...</c> quoted in a 400's message) would otherwise put the token into row errors, the
/// report, the checkpoint and the logs. The bearer token the request carried, the client id and the client secret are
/// replaced with <see cref="Marker"/>.
/// </summary>
/// <remarks>
/// It sits inside <see cref="AccessTokenHandler"/>, so it sees the token each request (and a resend after a 401) was
/// sent with. A body is read at most to <see cref="ResilienceConstants.MaxListingBytes"/> and one byte more, which is
/// past anything the reader takes of it; it is rewritten only when a secret is in it.
/// </remarks>
internal sealed class SecretRedactingHandler(Func<IEnumerable<string?>> configuredSecrets) : DelegatingHandler
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Marker = "[redacted]";

    private static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(Marker);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is not { } content)
        {
            return response;
        }

        var secrets = configuredSecrets().Append(request.Headers.Authorization?.Parameter)
            .Where(s => s is { Length: >= 4 })
            .Select(s => Encoding.UTF8.GetBytes(s!))
            .ToList();
        if (secrets.Count == 0)
        {
            return response;
        }

        var body = await ReadBoundedAsync(content, ResilienceConstants.MaxListingBytes + 1, cancellationToken).ConfigureAwait(false);
        var redacted = Redact(body, secrets);
        var replacement = new ByteArrayContent(redacted);
        foreach (var header in content.Headers.Where(h => h.Key != "Content-Length"))
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Dispose();
        response.Content = replacement;
        return response;
    }

    /// <summary>Replaces every occurrence of every secret in <paramref name="body"/> with the marker.</summary>
    internal static byte[] Redact(byte[] body, IReadOnlyList<byte[]> secrets)
    {
        var current = body;
        foreach (var secret in secrets.OrderByDescending(s => s.Length))
        {
            if (current.AsSpan().IndexOf(secret) < 0)
            {
                continue;
            }

            using var output = new MemoryStream(current.Length);
            var rest = current.AsSpan();
            int at;
            while ((at = rest.IndexOf(secret)) >= 0)
            {
                output.Write(rest[..at]);
                output.Write(MarkerBytes);
                rest = rest[(at + secret.Length)..];
            }

            output.Write(rest);
            current = output.ToArray();
        }

        return current;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(limit, 16 * 1024)];
            using var output = new MemoryStream();
            int read;
            while (output.Length < limit && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - output.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
    }
}
