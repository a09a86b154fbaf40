using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdherenceSync.Genesys;

/// <summary>Writes a date as the platform writes them, in UTC with milliseconds (<c>2026-11-27T08:00:00.000Z</c>).</summary>
internal sealed class PlatformDateConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(ExplanationRequestBody.FormatDate(value));
}
