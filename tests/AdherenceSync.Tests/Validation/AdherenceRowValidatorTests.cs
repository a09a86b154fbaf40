namespace AdherenceSync.Tests.Validation;

public sealed class AdherenceRowValidatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.FromHours(1));

    public static TheoryData<AdherenceRow, string> InvalidRows => new()
    {
        { Row(agent: ""), "row 0, AgentId: must not be empty or whitespace." },
        { Row(agent: "   "), "row 0, AgentId: must not be empty or whitespace." },
        { Row(queue: "\t"), "row 0, QueueId: must not be empty or whitespace." },
        { Row(agent: "a\u0001b"), "row 0, AgentId: must not contain control characters." },
        { Row(queue: "q\u007f"), "row 0, QueueId: must not contain control characters." },
        { Row(agent: "a/b"), "row 0, AgentId: must not contain '/' (ids go into the URL path)." },
        { Row(agent: "a?b"), "row 0, AgentId: must not contain '?' (ids go into the URL path)." },
        { Row(queue: "q#1"), "row 0, QueueId: must not contain '#' (ids go into the URL path)." },
        { Row(length: 0), "row 0, LengthMinutes: must be between 1 and 1440 (was 0)." },
        { Row(length: 1441), "row 0, LengthMinutes: must be between 1 and 1440 (was 1441)." },
        { Row(length: -5), "row 0, LengthMinutes: must be between 1 and 1440 (was -5)." },
        { Row(type: " "), "row 0, Type: must not be empty or whitespace." },
        { Row(notes: new string('n', 2001)), "row 0, Notes: must be at most 2000 characters (was 2001)." },
    };

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Validate_InvalidRow_NamesRowFieldAndProblem(AdherenceRow row, string expected)
    {
        var errors = AdherenceRowValidator.Validate([row]);

        var error = Assert.Single(errors);
        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void Validate_StartNotSet_NamesStartDate()
    {
        var row = new AdherenceRow { AgentId = "a", QueueId = "q", StartDate = default, LengthMinutes = 5 };

        Assert.Equal("row 0, StartDate: must be set.", Assert.Single(AdherenceRowValidator.Validate([row])).ToString());
    }

    [Fact]
    public void Validate_BodyOf512000BytesOrMore_NamesBodyAndItsSize()
    {
        // {"type":"<512,000 chars>","startDate":"2026-11-27T07:00:00.000Z","lengthMinutes":15} is 69 bytes plus the type.
        var row = Row(type: new string('t', 512_000));

        Assert.Equal("row 0, Body: serializes to 512069 bytes; the platform accepts less than 512000.", Assert.Single(AdherenceRowValidator.Validate([row])).ToString());
    }

    [Fact]
    public void Validate_BodyJustUnderTheLimit_IsAccepted()
    {
        Assert.Empty(AdherenceRowValidator.Validate([Row(type: new string('t', 512_000 - 70))]));
    }

    [Fact]
    public void Validate_ValidRows_ReturnsNoErrors()
    {
        var rows = new[] { Row(), Row(agent: "agent 2"), Row(length: 1), Row(length: 1440), Row(start: Start.AddHours(1), notes: new string('n', 2000)) };

        Assert.Empty(AdherenceRowValidator.Validate(rows));
    }

    [Fact]
    public void Validate_ExactDuplicate_ReportsLaterRowAndPointsAtFirst()
    {
        var rows = new[] { Row(), Row(agent: "other"), Row(queue: "another-queue", notes: "differs only in queue and notes") };

        var error = Assert.Single(AdherenceRowValidator.Validate(rows));

        Assert.Equal(2, error.Index);
        Assert.Equal("Duplicate", error.Field);
        Assert.Equal("same AgentId, StartDate, LengthMinutes and Type as row 0; it would be written twice.", error.Message);
    }

    [Fact]
    public void Validate_SameInstantInAnotherOffset_IsDuplicate()
    {
        var rows = new[] { Row(), Row(start: Start.ToOffset(TimeSpan.FromHours(-5))) };

        Assert.Equal(1, Assert.Single(AdherenceRowValidator.Validate(rows)).Index);
    }

    [Fact]
    public void Validate_DifferentLengthOrType_IsNotDuplicate()
    {
        var rows = new[] { Row(), Row(length: 16), Row(type: "Other") };

        Assert.Empty(AdherenceRowValidator.Validate(rows));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachWithItsRowIndex()
    {
        var rows = new[] { Row(), Row(agent: "", length: 0), Row(), Row(agent: "ok", queue: "a/b") };

        var errors = AdherenceRowValidator.Validate(rows);

        Assert.Equal(
            ["row 1, AgentId: must not be empty or whitespace.", "row 1, LengthMinutes: must be between 1 and 1440 (was 0).",
             "row 2, Duplicate: same AgentId, StartDate, LengthMinutes and Type as row 0; it would be written twice.",
             "row 3, QueueId: must not contain '/' (ids go into the URL path)."],
            errors.Select(e => e.ToString()));
    }

    internal static AdherenceRow Row(string agent = "agent-1", string queue = "queue-1", DateTimeOffset? start = null, int length = 15, string type = "Late", string? notes = null)
        => new() { AgentId = agent, QueueId = queue, StartDate = start ?? Start, LengthMinutes = length, Type = type, Notes = notes };
}
