using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AdherenceSync;

/// <summary>
/// A stable 128-bit key of what makes a row a distinct write: agent, start instant, length and type.
/// Two rows with the same key would create the same explanation twice.
/// </summary>
internal static class RowKey
{
    public static UInt128 Compute(AdherenceRow row)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{row.AgentId}\u001f{row.StartDate.UtcTicks}\u001f{row.LengthMinutes}\u001f{row.Type}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    public static string ToHex(UInt128 key) => key.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a key written by <see cref="ToHex"/>.</summary>
    public static bool TryParseHex(string? text, out UInt128 key)
        => UInt128.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out key);
}
