using System.Text;
using AdherenceSync.Cli;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Cli;

/// <summary>Malformed input files: each gives exit code 2, exact errors naming the line and the column, and no request.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Header = "agentId,queueId,startDate,lengthMinutes,type,notes";
    private const string Good = "a-1,q1,2026-11-27T08:00:00Z,15,Late,";
    private const string Expected = "expected agentId,queueId,startDate,lengthMinutes,type,notes.";
    private const string ExpectedOrStatus = "expected agentId,queueId,startDate,lengthMinutes,type,notes, optionally with status.";
    private readonly string _directory = Directory.CreateTempSubdirectory("adherencesync-bad-").FullName;
    private readonly CliRunner _cli = new CliRunner().WithVariable(CliVariables.AccessToken, "cli-token");
    private readonly WfmSimulator _simulator;

    public BadInputTests()
    {
        _simulator = WfmSimulator.Start(o => o.TimeProvider = _cli.Clock.Time);
    }

    /// <summary>Name, whole file content, and the exact problem lines printed after the summary line.</summary>
    public static TheoryData<string, string, string[]> BadFiles => new()
    {
        // Not CSV at all, or the wrong columns.
        { "binary", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR", [$"input.csv:1: file: is not a UTF-8 CSV text file (its first line has binary content); expected the header {Header}."] },
        { "json", "[{\"agentId\": \"a-1\"}]\n", [$"input.csv:1: header: missing column(s) agentId, queueId, startDate, lengthMinutes, type, notes; {Expected}", $"input.csv:1: header: unexpected column(s) [{{\"agentId\": \"a-1\"}}]; {ExpectedOrStatus}"] },
        { "missing-column", "agentId,queueId,startDate,lengthMinutes,type\na-1,q1,2026-11-27T08:00:00Z,15,Late\n", [$"input.csv:1: header: missing column(s) notes; {Expected}"] },
        { "extra-column", $"{Header},shift\n{Good},early\n", [$"input.csv:1: header: unexpected column(s) shift; {ExpectedOrStatus}"] },
        { "repeated-column", $"{Header},agentId\n{Good},a-1\n", [$"input.csv:1: header: column(s) agentId appear more than once; {Expected}"] },
        { "header-wrong-case", "AgentId,queueId,startDate,lengthMinutes,type,notes\n", [$"input.csv:1: header: missing column(s) agentId; {Expected}", $"input.csv:1: header: unexpected column(s) AgentId; {ExpectedOrStatus}"] },
        { "empty-file", string.Empty, [$"input.csv:1: header: the file is empty; expected the header {Header}."] },
        { "blank-lines-only", "\n\n\r\n", [$"input.csv:1: header: the file is empty; expected the header {Header}."] },

        // Rows with the wrong shape.
        { "too-few-fields", Rows("a-2,q1,2026-11-27T08:00:00Z,15,Late"), ["input.csv:3: row: has 5 field(s); expected 6."] },
        { "too-many-fields", Rows("a-2,q1,2026-11-27T08:00:00Z,15,Late,n,extra"), ["input.csv:3: row: has 7 field(s); expected 6."] },

        // Ids.
        { "agent-empty", Rows(",q1,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: agentId: must not be empty or whitespace."] },
        { "agent-whitespace", Rows("  ,q1,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: agentId: must not be empty or whitespace."] },
        { "agent-slash", Rows("a/2,q1,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: agentId: must not contain '/' (ids go into the URL path)."] },
        { "agent-control-char", Rows("a\u00072,q1,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: agentId: must not contain control characters."] },
        { "queue-empty", Rows("a-2,,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: queueId: must not be empty or whitespace."] },
        { "queue-hash", Rows("a-2,q#1,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: queueId: must not contain '#' (ids go into the URL path)."] },

        // Dates.
        { "date-words", Rows("a-2,q1,yesterday,15,Late,"), ["input.csv:3: startDate: 'yesterday' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z."] },
        { "date-us-format", Rows("a-2,q1,11/27/2026 08:00,15,Late,"), ["input.csv:3: startDate: '11/27/2026 08:00' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z."] },
        { "date-no-offset", Rows("a-2,q1,2026-11-27T08:00:00,15,Late,"), ["input.csv:3: startDate: '2026-11-27T08:00:00' has no UTC offset; add Z or +hh:mm."] },
        { "date-impossible-day", Rows("a-2,q1,2026-02-30T08:00:00Z,15,Late,"), ["input.csv:3: startDate: '2026-02-30T08:00:00Z' is not a valid date-time."] },
        { "date-hour-25", Rows("a-2,q1,2026-11-27T25:00:00Z,15,Late,"), ["input.csv:3: startDate: '2026-11-27T25:00:00Z' is not a valid date-time."] },
        { "date-empty", Rows("a-2,q1,,15,Late,"), ["input.csv:3: startDate: must not be empty; expected an ISO-8601 date-time such as 2026-11-27T08:00:00Z."] },

        // Lengths.
        { "length-words", Rows("a-2,q1,2026-11-27T08:00:00Z,abc,Late,"), ["input.csv:3: lengthMinutes: 'abc' is not a whole number of minutes."] },
        { "length-decimal", Rows("a-2,q1,2026-11-27T08:00:00Z,15.5,Late,"), ["input.csv:3: lengthMinutes: '15.5' is not a whole number of minutes."] },
        { "length-zero", Rows("a-2,q1,2026-11-27T08:00:00Z,0,Late,"), ["input.csv:3: lengthMinutes: must be between 1 and 1440 (was 0)."] },
        { "length-negative", Rows("a-2,q1,2026-11-27T08:00:00Z,-5,Late,"), ["input.csv:3: lengthMinutes: must be between 1 and 1440 (was -5)."] },
        { "length-over-a-day", Rows("a-2,q1,2026-11-27T08:00:00Z,1441,Late,"), ["input.csv:3: lengthMinutes: must be between 1 and 1440 (was 1441)."] },
        { "length-overflows", Rows("a-2,q1,2026-11-27T08:00:00Z,99999999999,Late,"), ["input.csv:3: lengthMinutes: must be between 1 and 1440 (was 99999999999)."] },
        { "length-empty", Rows("a-2,q1,2026-11-27T08:00:00Z,,Late,"), ["input.csv:3: lengthMinutes: must not be empty; expected a whole number of minutes."] },
        { "date-and-length-both-bad", Rows("a-2,q1,soon,long,Late,"), ["input.csv:3: startDate: 'soon' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z.", "input.csv:3: lengthMinutes: 'long' is not a whole number of minutes."] },

        // Type, notes, duplicates.
        { "type-whitespace", Rows("a-2,q1,2026-11-27T08:00:00Z,15,   ,"), ["input.csv:3: type: must not be empty or whitespace."] },
        { "notes-too-long", Rows($"a-2,q1,2026-11-27T08:00:00Z,15,Late,{new string('n', 2001)}"), ["input.csv:3: notes: must be at most 2000 characters (was 2001)."] },
        { "duplicate", Rows(Good), ["input.csv:3: duplicate: same agentId, startDate, lengthMinutes and type as line 2; it would be written twice."] },
        { "duplicate-in-another-offset", Rows("a-1,q1,2026-11-27T09:00:00+01:00,15,Late,other notes"), ["input.csv:3: duplicate: same agentId, startDate, lengthMinutes and type as line 2; it would be written twice."] },
        { "unterminated-quote-swallows-no-row", Rows("a-7,q1,2026-11-27T08:00:00Z,10,Late,\"unterminated", "a-8,q1,2026-11-27T08:05:00Z,10,Late,"), ["input.csv:3: notes: a quote opens this field and none closes it, so every line after it would be read into it; close the quote."] },
        { "unterminated-quote-no-final-newline", $"{Header}\n{Good}\na-7,q1,2026-11-27T08:00:00Z,10,Late,\"unterminated\na-8,q1,2026-11-27T08:05:00Z,10,Late,", ["input.csv:3: notes: a quote opens this field and none closes it, so every line after it would be read into it; close the quote."] },
        { "quote-inside-unquoted-field", Rows("a-2,q1,2026-11-27T08:00:00Z,15,Late,ab\"cd"), ["input.csv:3: notes: has a quote inside an unquoted field; quote the whole field and write the quote twice (\"\")."] },
        { "text-after-closing-quote", Rows("\"a-2\"x,q1,2026-11-27T08:00:00Z,15,Late,"), ["input.csv:3: agentId: has text after its closing quote; a quote inside a quoted field is written twice (\"\")."] },
        { "quoted-newline-keeps-line-numbers", Rows("a-2,q1,2026-11-27T08:00:00Z,15,Late,\"two\nlines\"", "a-3,q1,later,15,Late,"), ["input.csv:5: startDate: 'later' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z."] },
    };

    public void Dispose()
    {
        _simulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Push_BadFile_ExitsTwoWithExactErrorsAndSendsNothing(string name, string content, string[] expected)
    {
        var input = Path.Combine(_directory, "input.csv");
        await File.WriteAllTextAsync(input, content, new UTF8Encoding(false), TestContext.Current.CancellationToken);

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.True(exitCode == 2, $"{name}: exit code {exitCode}");
        Assert.Equal([$"error: {expected.Length} problem(s) in input.csv; nothing was sent.", .. expected], Lines(_cli.Error));
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("gzip", new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x0a })]
    [InlineData("xlsx", new byte[] { 0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00 })]
    [InlineData("parquet", new byte[] { 0x50, 0x41, 0x52, 0x31, 0x15, 0x04, 0x15, 0x10, 0x15, 0x14 })]
    public async Task Push_BinaryFile_ExitsTwoSayingItIsNotCsvText(string name, byte[] content)
    {
        var input = Path.Combine(_directory, "input.csv");
        await File.WriteAllBytesAsync(input, content, TestContext.Current.CancellationToken);

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.True(exitCode == 2, $"{name}: exit code {exitCode}");
        Assert.Equal(
            ["error: 1 problem(s) in input.csv; nothing was sent.",
             $"input.csv:1: file: is not a UTF-8 CSV text file (its first line has binary content); expected the header {Header}."],
            Lines(_cli.Error));
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_FileOfOverAMillionRows_IsRefusedAtTheFirstRowTooManyAndSendsNothing()
    {
        var input = Path.Combine(_directory, "input.csv");
        using (var writer = new StreamWriter(input))
        {
            await writer.WriteLineAsync(Header);
            for (var i = 0; i < 1_000_001; i++)
            {
                await writer.WriteLineAsync($"a-{i % 1000},q{i % 20},2026-11-27T08:00:00Z,{1 + (i / 1000)},Late,");
            }

            // Past the limit the file is not read at all: this broken line would otherwise be reported too.
            await writer.WriteLineAsync("broken");
        }

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, exitCode);
        Assert.Equal(
            ["error: 1 problem(s) in input.csv; nothing was sent.",
             "input.csv:1000002: rows: more than 1000000 rows, the most one push takes; split the file."],
            Lines(_cli.Error));
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Push_ThousandsOfBadLines_PrintsTheFirstThousandAndCountsTheRest()
    {
        var input = Path.Combine(_directory, "input.csv");
        await File.WriteAllLinesAsync(input, [Header, .. Enumerable.Range(0, 1500).Select(i => $"a-{i},q1,never,15,Late,")], TestContext.Current.CancellationToken);

        var exitCode = await _cli.RunAsync("push", "--input", input, "--base-url", _simulator.BaseAddress.ToString());

        Assert.Equal(2, exitCode);
        var lines = Lines(_cli.Error);
        Assert.Equal("error: 1500 problem(s) in input.csv; nothing was sent.", lines[0]);
        Assert.Equal("input.csv:1001: startDate: 'never' is not an ISO-8601 date-time such as 2026-11-27T08:00:00Z.", lines[1000]);
        Assert.Equal("... and 500 more.", lines[^1]);
        Assert.Equal(1002, lines.Length);
        Assert.Empty(_simulator.Requests);
    }

    private static string Rows(params string[] rows) => string.Join("\n", [Header, Good, .. rows]) + "\n";

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
