using System.Text.Json;
using AdherenceSync.Pacing;

namespace AdherenceSync.Client;

/// <summary>
/// <see cref="PacingOptions.StateFile"/>: what pacing learned, kept in a small JSON file between runs. A file that is
/// missing or unreadable is a cold start, never an error; it is written whole to a temporary file and moved into place,
/// so a crash never leaves half a file.
/// </summary>
internal static class PacingStateFile
{
    public static LearnedPacing? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), PacingStateJsonContext.Default.LearnedPacing) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static async Task SaveAsync(string path, LearnedPacing learned, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        var stream = File.Create(temporary);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, learned, PacingStateJsonContext.Default.LearnedPacing, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
