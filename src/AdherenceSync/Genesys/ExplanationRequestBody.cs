using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdherenceSync.Genesys;

/// <summary>The JSON body of <c>POST .../agents/{agentId}/adherence/explanations</c>.</summary>
internal sealed class ExplanationRequestBody
{
    public required string Type { get; init; }

    /// <summary>Gets the start, written as the platform writes dates (<see cref="FormatDate"/>).</summary>
    [JsonConverter(typeof(PlatformDateConverter))]
    public required DateTimeOffset StartDate { get; init; }

    public required int LengthMinutes { get; init; }

    public string? Notes { get; init; }

    public string? Status { get; init; }

    public static string FormatDate(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, GenesysJsonContext.Default.ExplanationRequestBody);

    public int SerializedLength() => ToUtf8Json().Length;
}
