using System.Text.Json.Serialization;
using AdherenceSync.Pacing;

namespace AdherenceSync.Client;

/// <summary>Source-generated JSON metadata for the pacing state file (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    WriteIndented = true)]
[JsonSerializable(typeof(LearnedPacing))]
internal sealed partial class PacingStateJsonContext : JsonSerializerContext
{
}
