using System.Globalization;
using System.Text;

namespace AdherenceSync.Testing.Relay;

/// <summary>The parts of an HTTP/1.1 response head the relay needs to frame the body.</summary>
internal sealed class ResponseHead
{
    private ResponseHead(int statusCode, Dictionary<string, string> headers)
    {
        StatusCode = statusCode;
        Headers = headers;
    }

    public int StatusCode { get; }

    public Dictionary<string, string> Headers { get; }

    public bool Has(string name) => Headers.ContainsKey(name);

    public bool IsChunked => Headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase);

    public long? ContentLength => Headers.TryGetValue("Content-Length", out var cl) && long.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool HasNoBody => StatusCode is (>= 100 and < 200) or 204 or 304;

    /// <summary>The head's bytes without one header's line.</summary>
    public static byte[] Without(byte[] head, string header)
    {
        var lines = Encoding.ASCII.GetString(head).Split("\r\n")
            .Where(l => !l.StartsWith(header + ":", StringComparison.OrdinalIgnoreCase));
        return Encoding.ASCII.GetBytes(string.Join("\r\n", lines));
    }

    public static ResponseHead Parse(byte[] head)
    {
        var lines = Encoding.ASCII.GetString(head).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new ResponseHead(status, headers);
    }
}
