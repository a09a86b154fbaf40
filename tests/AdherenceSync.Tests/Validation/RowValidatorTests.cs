using AdherenceSync.Validation;

namespace AdherenceSync.Tests.Validation;

public sealed class RowValidatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_KeysRememberedBound_FindsADuplicateAmongTheLatestRowsOnly()
    {
        var validator = new RowValidator(keysRemembered: 2);
        var errors = new List<RowValidationError>();

        // Rows 0, 1, 2 differ; row 3 repeats row 2 (among the latest two), row 4 repeats row 0 (forgotten).
        for (var i = 0; i < 3; i++)
        {
            validator.Validate(Row(i), i, errors);
        }

        validator.Validate(Row(2), 3, errors);
        validator.Validate(Row(0), 4, errors);

        var duplicate = Assert.Single(errors);
        Assert.Equal((3, 2), (duplicate.Index, duplicate.DuplicateOf));
    }

    [Fact]
    public void Validate_NoBound_FindsEveryDuplicate()
    {
        var validator = new RowValidator();
        var errors = new List<RowValidationError>();
        for (var i = 0; i < 100; i++)
        {
            validator.Validate(Row(i), i, errors);
        }

        validator.Validate(Row(0), 100, errors);

        Assert.Equal(0, Assert.Single(errors).DuplicateOf);
    }

    [Fact]
    public void Validate_ValidRow_ReturnsItsContentKeyAndZeroForAnInvalidOrDuplicateRow()
    {
        var validator = new RowValidator();
        var errors = new List<RowValidationError>();

        var key = validator.Validate(Row(0), 0, errors);
        var duplicate = validator.Validate(Row(0), 1, errors);
        var invalid = validator.Validate(new AdherenceRow { AgentId = "a", QueueId = "q", StartDate = Start, LengthMinutes = 0 }, 2, errors);

        Assert.Equal((RowKey.Compute(Row(0)), UInt128.Zero, UInt128.Zero), (key, duplicate, invalid));
        Assert.Equal(2, errors.Count);
    }

    private static AdherenceRow Row(int minutesAfterStart)
        => new() { AgentId = "a", QueueId = "q", StartDate = Start.AddMinutes(minutesAfterStart), LengthMinutes = 5 };
}
