using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// How the CLI writes JSON: camelCase, indented, enums as names, and only the escaping JSON needs (a note's <c>'</c> or
/// <c>+</c> stays as written; the output goes to files and terminals, never into HTML).
/// </summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The same, on one line: a row of a report.</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    public static Task WriteAsync<T>(TextWriter output, T document)
        => output.WriteLineAsync(JsonSerializer.Serialize(document, Options));
}
