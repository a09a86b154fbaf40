using AdherenceSync.Cli.Csv;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Cli.Csv;

public sealed class DuplicateFinderTests
{
    private readonly IReadOnlyList<AdherenceRow> _rows = SampleCohort.Generate(20, 4);

    [Fact]
    public void Find_DuplicatesInDifferentRunsOnDisk_FindsEachWithTheFirstRowOfItsKey()
    {
        using var sut = new DuplicateFinder(runLength: 4);
        for (var index = 0; index < _rows.Count; index++)
        {
            // Rows 3 and 17 write what row 1 writes, row 10 what row 9 does (its notes and queue aside).
            var row = index switch
            {
                3 or 17 => OtherQueueAndNotes(_rows[1]),
                10 => _rows[9],
                _ => _rows[index],
            };
            sut.Add(row, index);
        }

        var (duplicates, count) = sut.Find(kept: 100);

        Assert.Equal(4, sut.RunsOnDisk);
        Assert.Equal(3, count);
        Assert.Equal([(3, 1), (10, 9), (17, 1)], duplicates);
    }

    [Fact]
    public void Find_MoreDuplicatesThanKept_KeepsTheEarliestAndCountsThemAll()
    {
        using var sut = new DuplicateFinder(runLength: 3);
        for (var index = 0; index < 10; index++)
        {
            sut.Add(_rows[0], index);
        }

        var (duplicates, count) = sut.Find(kept: 3);

        Assert.Equal(9, count);
        Assert.Equal([(1, 0), (2, 0), (3, 0)], duplicates);
    }

    [Fact]
    public void Find_NoDuplicates_FindsNone()
    {
        using var sut = new DuplicateFinder(runLength: 8);
        for (var index = 0; index < _rows.Count; index++)
        {
            sut.Add(_rows[index], index);
        }

        var (duplicates, count) = sut.Find(kept: 100);

        Assert.Equal(0, count);
        Assert.Empty(duplicates);
    }

    private static AdherenceRow OtherQueueAndNotes(AdherenceRow row) => new()
    {
        AgentId = row.AgentId,
        QueueId = "another",
        StartDate = row.StartDate,
        LengthMinutes = row.LengthMinutes,
        Type = row.Type,
        Notes = "again",
    };
}
