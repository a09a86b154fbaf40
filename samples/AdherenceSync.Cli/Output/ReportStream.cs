using System.Text.Json;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// Keeps the report's rows on disk while the push runs, and writes the report (to the <c>--report</c> file, and with
/// <c>--format json</c> to standard output) once it ends, in <see cref="ReportFile"/>'s shape and the input's order.
/// </summary>
/// <remarks>
/// Each row is written to a temporary file as it ends; only where it is in that file is kept (12 bytes a row), and the
/// first rows that did not succeed, for the summary. So the memory of a push does not grow with its report.
/// </remarks>
internal sealed class ReportStream : IAsyncDisposable
{
    private readonly IReadOnlyList<int> _lines;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly List<RowResult> _problems = [];
    private readonly long[] _offsets;
    private readonly int[] _lengths;
    private readonly FileStream? _rows;

    /// <param name="lines">The CSV line of each input row, by index.</param>
    /// <param name="keepRows">Whether a report will be written; without one, only what the summary needs is kept.</param>
    public ReportStream(IReadOnlyList<int> lines, bool keepRows)
    {
        _lines = lines;
        var kept = keepRows ? lines.Count : 0;
        _offsets = new long[kept];
        _lengths = new int[kept];
        _rows = !keepRows
            ? null
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>Gets the first rows that ended Rejected, Failed or Unknown, in the order they ended.</summary>
    public IReadOnlyList<RowResult> Problems => _problems;

    /// <summary>Takes a row that ended (from any queue's loop).</summary>
    public async ValueTask OnRowEndedAsync(RowResult result)
    {
        var json = _rows is null ? null : JsonSerializer.SerializeToUtf8Bytes(ReportFile.Row(result, _lines), CliJson.Compact);
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (result.Outcome is RowOutcome.Rejected or RowOutcome.Failed or RowOutcome.Unknown && _problems.Count < SummaryNotes.RowsShown)
            {
                _problems.Add(result);
            }

            if (_rows is not null && json is not null)
            {
                _offsets[result.Index] = _rows.Position;
                _lengths[result.Index] = json.Length;
                await _rows.WriteAsync(json).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Writes the report to every target in one pass: its counts and the rest, and the rows in input order.</summary>
    public async Task WriteAsync(IReadOnlyList<TextWriter> targets, PushReport report)
    {
        if (targets.Count == 0)
        {
            return;
        }

        if (_rows is null)
        {
            throw new InvalidOperationException("This report keeps no rows.");
        }

        await _rows.FlushAsync().ConfigureAwait(false);
        await WriteAsync(targets, JsonSerializer.SerializeToElement(ReportFile.From(report, _lines), CliJson.Options)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_rows is not null)
        {
            await _rows.DisposeAsync().ConfigureAwait(false);
        }

        _lock.Dispose();
    }

    private async Task WriteAsync(IReadOnlyList<TextWriter> targets, JsonElement fields)
    {
        using var buffer = new MemoryStream();
        var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CliJson.Options.Encoder });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            foreach (var field in fields.EnumerateObject())
            {
                if (field.Name != "rows")
                {
                    field.WriteTo(json);
                    continue;
                }

                json.WriteStartArray(field.Name);
                var row = new byte[1024];
                for (var index = 0; index < _lengths.Length; index++)
                {
                    if (_lengths[index] == 0)
                    {
                        continue; // never read: the push stopped before it
                    }

                    if (row.Length < _lengths[index])
                    {
                        row = new byte[_lengths[index]];
                    }

                    _rows!.Position = _offsets[index];
                    await _rows.ReadExactlyAsync(row.AsMemory(0, _lengths[index])).ConfigureAwait(false);
                    using (var parsed = JsonDocument.Parse(row.AsMemory(0, _lengths[index])))
                    {
                        // Written again through this writer, so that the row is indented as the rest of the report.
                        parsed.RootElement.WriteTo(json);
                    }

                    await DrainAsync(json, buffer, targets).ConfigureAwait(false);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            await DrainAsync(json, buffer, targets).ConfigureAwait(false);
        }

        foreach (var target in targets)
        {
            await target.WriteLineAsync().ConfigureAwait(false);
            await target.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands what the JSON writer produced so far to every target, and empties the buffer.</summary>
    private static async Task DrainAsync(Utf8JsonWriter json, MemoryStream buffer, IReadOnlyList<TextWriter> targets)
    {
        await json.FlushAsync().ConfigureAwait(false);
        if (buffer.Length > 0)
        {
            var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            foreach (var target in targets)
            {
                await target.WriteAsync(text).ConfigureAwait(false);
            }

            buffer.SetLength(0);
        }
    }
}
