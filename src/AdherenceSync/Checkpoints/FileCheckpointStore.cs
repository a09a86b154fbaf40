using System.Text;
using System.Text.Json;
using AdherenceSync.Checkpoints;

namespace AdherenceSync;

/// <summary>
/// A checkpoint in a file of JSON lines: append-only, flushed to disk after every record, and tolerant of a torn last
/// line (a crash in the middle of a write loses that one record, never the file).
/// </summary>
public sealed class FileCheckpointStore : ICheckpointStore, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private FileStream? _stream;

    /// <summary>
    /// Initializes a new instance of the <see cref="FileCheckpointStore"/> class.
    /// </summary>
    /// <param name="path">The file. It is created at the first record if it does not exist.</param>
    public FileCheckpointStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>
    /// Gets the full path of the file.
    /// </summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<CheckpointEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var entries = new List<CheckpointEntry>();
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (Parse(line) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        return entries;
    }

    /// <inheritdoc/>
    public async ValueTask RecordAsync(CheckpointEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.SerializeToUtf8Bytes(CheckpointLine.From(entry), CheckpointJsonContext.Default.CheckpointLine);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream ??= OpenForAppend();
            await _stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            _stream.WriteByte((byte)'\n');
            _stream.Flush(flushToDisk: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream?.Dispose();
        _lock.Dispose();
    }

    private FileStream OpenForAppend()
    {
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);

        // A torn last line from a crash must not swallow the next record: start it on a line of its own.
        if (stream.Position > 0)
        {
            stream.WriteByte((byte)'\n');
        }

        return stream;
    }

    private static CheckpointEntry? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line, CheckpointJsonContext.Default.CheckpointLine)?.ToEntry();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
