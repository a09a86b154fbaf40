using System.Text;
using System.Text.Json;
using AdherenceSync.Checkpoints;

namespace AdherenceSync;

/// <summary>
/// A checkpoint in a file of JSON lines: append-only, on disk when each record completes, and tolerant of a torn last
/// line (a crash in the middle of a write loses that one record, never the file).
/// </summary>
/// <remarks>
/// Each record is one asynchronous write-through write (<see cref="FileOptions.WriteThrough"/>): durable when its task
/// completes, with no thread blocked on a flush meanwhile.
/// </remarks>
public sealed class FileCheckpointStore : ICheckpointStore, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private FileStream? _stream;
    private bool _startOnNewLine;

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
        // Only what the file holds now: a device or a pipe (such as /dev/full, which reads as endless zeros) holds nothing
        // to load, and reading it would never end.
        var file = new FileInfo(Path);
        if (!file.Exists || file.Length == 0)
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
        var json = JsonSerializer.SerializeToUtf8Bytes(CheckpointLine.From(entry), CheckpointJsonContext.Default.CheckpointLine);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stream is null)
            {
                _stream = OpenForAppend();

                // A torn last line from a crash must not swallow the next record: start it on a line of its own.
                _startOnNewLine = _stream.Position > 0;
            }

            var line = new byte[json.Length + (_startOnNewLine ? 2 : 1)];
            if (_startOnNewLine)
            {
                line[0] = (byte)'\n';
            }

            json.CopyTo(line, _startOnNewLine ? 1 : 0);
            line[^1] = (byte)'\n';
            await _stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            _startOnNewLine = false;
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

    private FileStream OpenForAppend() => new(Path, new FileStreamOptions
    {
        Mode = FileMode.Append,
        Access = FileAccess.Write,
        Share = FileShare.Read,
        Options = FileOptions.Asynchronous | FileOptions.WriteThrough,
        BufferSize = 0,
    });

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
