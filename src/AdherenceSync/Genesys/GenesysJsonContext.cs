using System.Text.Json.Serialization;

namespace AdherenceSync.Genesys;

/// <summary>Source-generated JSON metadata for every body the client reads or writes (trimming- and AOT-safe).</summary>
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
[JsonSerializable(typeof(CheckpointLine))]
[JsonSerializable(typeof(ExplanationQuery))]
[JsonSerializable(typeof(ExplanationQueryResponse))]
[JsonSerializable(typeof(ExplanationListing))]
[JsonSerializable(typeof(Authentication.TokenResponse))]
internal sealed partial class GenesysJsonContext : JsonSerializerContext
{
}
