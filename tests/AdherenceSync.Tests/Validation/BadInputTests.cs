using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Validation;

/// <summary>Malformed rows given to <see cref="IAdherenceSyncClient.PushAsync(IEnumerable{AdherenceRow}, PushOptions?, CancellationToken)"/>: each is refused whole, naming the row and the field, before any request.</summary>
public sealed class BadInputTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, AdherenceRow, string> BadRows => new()
    {
        { "agent-empty", Row(agent: string.Empty), "row 2, AgentId: must not be empty or whitespace." },
        { "agent-whitespace", Row(agent: "   "), "row 2, AgentId: must not be empty or whitespace." },
        { "agent-null", Row(agent: null!), "row 2, AgentId: must not be empty or whitespace." },
        { "agent-slash", Row(agent: "a/2"), "row 2, AgentId: must not contain '/' (ids go into the URL path)." },
        { "agent-question-mark", Row(agent: "a?2"), "row 2, AgentId: must not contain '?' (ids go into the URL path)." },
        { "agent-hash", Row(agent: "a#2"), "row 2, AgentId: must not contain '#' (ids go into the URL path)." },
        { "agent-control-char", Row(agent: "a\u00072"), "row 2, AgentId: must not contain control characters." },
        { "agent-delete-char", Row(agent: "a\u007f2"), "row 2, AgentId: must not contain control characters." },
        { "queue-empty", Row(queue: string.Empty), "row 2, QueueId: must not be empty or whitespace." },
        { "queue-tab", Row(queue: "\t"), "row 2, QueueId: must not be empty or whitespace." },
        { "queue-slash", Row(queue: "q/1"), "row 2, QueueId: must not contain '/' (ids go into the URL path)." },
        { "queue-nul", Row(queue: "q\u00001"), "row 2, QueueId: must not contain control characters." },
        { "start-not-set", Row(start: default(DateTimeOffset)), "row 2, StartDate: must be set." },
        { "length-zero", Row(length: 0), "row 2, LengthMinutes: must be between 1 and 1440 (was 0)." },
        { "length-negative", Row(length: -5), "row 2, LengthMinutes: must be between 1 and 1440 (was -5)." },
        { "length-over-a-day", Row(length: 1441), "row 2, LengthMinutes: must be between 1 and 1440 (was 1441)." },
        { "length-int-max", Row(length: int.MaxValue), "row 2, LengthMinutes: must be between 1 and 1440 (was 2147483647)." },
        { "length-int-min", Row(length: int.MinValue), "row 2, LengthMinutes: must be between 1 and 1440 (was -2147483648)." },
        { "type-empty", Row(type: string.Empty), "row 2, Type: must not be empty or whitespace." },
        { "type-whitespace", Row(type: " \t "), "row 2, Type: must not be empty or whitespace." },
        { "type-null", Row(type: null!), "row 2, Type: must not be empty or whitespace." },
        { "status-unknown", Row(status: "Maybe"), "row 2, Status: must be Pending, Approved or Denied, or empty (was 'Maybe')." },
        { "status-wrong-case", Row(status: "approved"), "row 2, Status: must be Pending, Approved or Denied, or empty (was 'approved')." },
        { "notes-too-long", Row(notes: new string('n', 2001)), "row 2, Notes: must be at most 2000 characters (was 2001)." },
        { "body-too-big", Row(type: new string('t', 512_000)), "row 2, Body: serializes to 512069 bytes; the platform accepts less than 512000." },
        { "duplicate", Row(agent: "a-0"), "row 2, Duplicate: same AgentId, StartDate, LengthMinutes and Type as row 0; it would be written twice." },
        { "duplicate-in-another-offset", Row(agent: "a-0", start: Start.ToOffset(TimeSpan.FromHours(-5)), notes: "other notes"), "row 2, Duplicate: same AgentId, StartDate, LengthMinutes and Type as row 0; it would be written twice." },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task PushAsync_BadRow_ThrowsNamingTheRowAndTheFieldAndSendsNothing(string name, AdherenceRow row, string expected)
    {
        using var harness = CreateSut();

        var exception = await Assert.ThrowsAsync<AdherenceValidationException>(() => harness.PushAsync([Row(agent: "a-0"), Row(agent: "a-1"), row]));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(expected, error.ToString());
        Assert.Equal($"1 invalid input row(s); nothing was sent.{Environment.NewLine}{expected}", exception.Message);
        Assert.True(harness.Simulator.Requests.Count == 0, $"{name}: {harness.Simulator.Requests.Count} request(s)");
    }

    [Fact]
    public async Task PushAsync_NullRow_ThrowsNamingTheRow()
    {
        using var harness = CreateSut();

        var exception = await Assert.ThrowsAsync<AdherenceValidationException>(() => harness.PushAsync([Row(), null!]));

        Assert.Equal("row 1, Row: must not be null.", Assert.Single(exception.Errors).ToString());
        Assert.Empty(harness.Simulator.Requests);
    }

    [Fact]
    public async Task PushAsync_EndlessInputPastMaxRowsPerPush_StopsReadingAtTheFirstRowTooMany()
    {
        using var harness = CreateSut(o => o.MaxRowsPerPush = 1000);
        var read = 0;

        var exception = await Assert.ThrowsAsync<AdherenceValidationException>(() => harness.PushAsync(Endless()));

        Assert.Equal("row 1000, Rows: is past the limit of 1000 rows per push (MaxRowsPerPush); split the input into several pushes.", Assert.Single(exception.Errors).ToString());
        Assert.Equal(1001, read);
        Assert.Empty(harness.Simulator.Requests);

        IEnumerable<AdherenceRow> Endless()
        {
            for (var i = 0; ; i++)
            {
                read++;
                yield return Row(agent: $"a-{i}");
            }
        }
    }

    [Fact]
    public async Task PushAsync_SeveralBadRows_ReportsEveryOneInInputOrder()
    {
        using var harness = CreateSut();

        var exception = await Assert.ThrowsAsync<AdherenceValidationException>(() => harness.PushAsync([Row(length: 0), Row(agent: "a-1"), Row(agent: "", queue: "q/1"), Row(agent: "a-1")]));

        Assert.Equal(
            ["row 0, LengthMinutes: must be between 1 and 1440 (was 0).",
             "row 2, AgentId: must not be empty or whitespace.",
             "row 2, QueueId: must not contain '/' (ids go into the URL path).",
             "row 3, Duplicate: same AgentId, StartDate, LengthMinutes and Type as row 1; it would be written twice."],
            exception.Errors.Select(e => e.ToString()));
        Assert.Empty(harness.Simulator.Requests);
    }

    private static Harness CreateSut(Action<AdherenceSyncOptions>? configure = null) => new(client: configure);

    private static AdherenceRow Row(string agent = "a-2", string queue = "q1", DateTimeOffset? start = null, int length = 15, string type = "Late", string? notes = null, string? status = null)
        => new() { AgentId = agent, QueueId = queue, StartDate = start ?? Start, LengthMinutes = length, Type = type, Notes = notes, Status = status };
}
