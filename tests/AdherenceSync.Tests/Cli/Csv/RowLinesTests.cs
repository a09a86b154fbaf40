using AdherenceSync.Cli.Csv;

namespace AdherenceSync.Tests.Cli.Csv;

public sealed class RowLinesTests
{
    [Fact]
    public void Indexer_RowsOverSeveralLinesAndSkippedRecords_GivesEachRowsStartLine()
    {
        int[] starts = [2, 3, 4, 7, 8, 9, 12, 13];
        var lines = new RowLines();
        foreach (var line in starts)
        {
            lines.Add(line);
        }

        Assert.Equal(starts.Length, lines.Count);
        Assert.Equal(starts, lines);
        Assert.Equal(starts, Enumerable.Range(0, starts.Length).Select(i => lines[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => lines[starts.Length]);
    }

    [Fact]
    public void Indexer_ManyOneLineRows_CountsOnFromTheFirst()
    {
        var lines = new RowLines();
        for (var line = 2; line < 200_002; line++)
        {
            lines.Add(line);
        }

        Assert.Equal((200_000, 2, 100_001, 200_001), (lines.Count, lines[0], lines[99_999], lines[^1]));
    }
}
