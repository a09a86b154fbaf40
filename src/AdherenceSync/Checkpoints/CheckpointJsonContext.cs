using System.Text.Json.Serialization;

namespace AdherenceSync.Checkpoints;

/// <summary>Source-generated JSON metadata for a checkpoint's lines (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CheckpointLine))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext
{
}
