namespace AdherenceSync.Tests;

public sealed class RowKeyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_SameInstantInAnotherOffsetAndOtherNotesOrStatus_IsTheSameKey()
    {
        var row = Row();
        var same = new AdherenceRow { AgentId = "a-1", QueueId = "q-2", StartDate = Start.ToOffset(TimeSpan.FromHours(2)), LengthMinutes = 15, Notes = "other", Status = "Approved" };

        // What makes a distinct write is agent, instant, length and type; the queue, notes and status do not.
        Assert.Equal(RowKey.Compute(row), RowKey.Compute(same));
    }

    [Theory]
    [InlineData("a-2", 0, 15, "Late")]
    [InlineData("a-1", 1, 15, "Late")]
    [InlineData("a-1", 0, 16, "Late")]
    [InlineData("a-1", 0, 15, "Other")]
    public void Compute_AnyIdentifyingFieldDiffers_IsAnotherKey(string agent, int minutesLater, int length, string type)
    {
        var other = new AdherenceRow { AgentId = agent, QueueId = "q-1", StartDate = Start.AddMinutes(minutesLater), LengthMinutes = length, Type = type };

        Assert.NotEqual(RowKey.Compute(Row()), RowKey.Compute(other));
    }

    [Fact]
    public void ToHex_Key_Is32LowerCaseHexDigitsOfTheDocumentedHash()
    {
        var hex = RowKey.ToHex(RowKey.Compute(Row()));

        Assert.Matches("^[0-9a-f]{32}$", hex);
        // Checkpoint files written by earlier versions hold this key: it must not change.
        // The value computed independently (Python: SHA-256 of "a-1\u001f<UTC ticks>\u001f15\u001fLate", first 16 bytes little-endian).
        Assert.Equal("0c2327f06a8c23b49069adadf7fce010", hex);
    }

    [Fact]
    public void TryParseHex_WhatToHexWrote_IsTheSameKeyAndTextThatIsNotHexIsRefused()
    {
        var key = RowKey.Compute(Row());

        Assert.True(RowKey.TryParseHex(RowKey.ToHex(key), out var read));
        Assert.Equal(key, read);
        Assert.False(RowKey.TryParseHex("not a key", out _));
    }

    private static AdherenceRow Row() => new() { AgentId = "a-1", QueueId = "q-1", StartDate = Start, LengthMinutes = 15 };
}
