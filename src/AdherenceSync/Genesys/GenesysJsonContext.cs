using System.Text.Json.Serialization;

namespace AdherenceSync.Genesys;

/// <summary>Source-generated JSON metadata for every body of the platform's API (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ExplanationRequestBody))]
[JsonSerializable(typeof(ExplanationWriteResponse))]
[JsonSerializable(typeof(ExplanationJob))]
[JsonSerializable(typeof(GenesysError))]
[JsonSerializable(typeof(ExplanationQuery))]
[JsonSerializable(typeof(ExplanationQueryResponse))]
[JsonSerializable(typeof(ExplanationListing))]
internal sealed partial class GenesysJsonContext : JsonSerializerContext
{
}
