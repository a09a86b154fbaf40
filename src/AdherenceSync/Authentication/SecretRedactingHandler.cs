using System.Text;
using AdherenceSync.Genesys;

namespace AdherenceSync.Authentication;

/// <summary>
/// Removes our own secrets from what the server answers, before anything reads it: a server that echoes the request
/// (<c>Authorization: Bearer ...</c> quoted in a 400's message) would otherwise put the token into row errors, the
/// report, the checkpoint and the logs. The bearer token the request carried, the client id and the client secret are
/// replaced with <see cref="Marker"/>.
/// </summary>
/// <remarks>
/// It sits inside <see cref="AccessTokenHandler"/>, so it sees the token each request (and a resend after a 401) was
/// sent with. A body is read at most to <see cref="GenesysConstants.MaxListingBytes"/> and one byte more, which is
/// past anything the reader takes of it.
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

        // The body has to be read to be searched, so it is replaced whether or not a secret was in it; one byte past the
        // bound is kept, so that the reader still sees an answer that is too long as too long.
        var (buffer, length, truncated) = await ResponseReader.ReadBoundedAsync(content, GenesysConstants.MaxListingBytes, cancellationToken).ConfigureAwait(false);
        byte[] redacted;
        try
        {
            redacted = Redact(buffer.AsSpan(0, truncated ? length + 1 : length).ToArray(), secrets);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

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
}
