using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdherenceSync.Cli.Output;

/// <summary>How the CLI writes JSON: camelCase, indented, enums as names.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Task WriteAsync<T>(TextWriter output, T document)
        => output.WriteLineAsync(JsonSerializer.Serialize(document, Options));
}
