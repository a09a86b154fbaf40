using AdherenceSync.Cli.Csv;

namespace AdherenceSync.Tests.Cli.Csv;

public sealed class CsvCheckTests
{
    [Fact]
    public void AddLate_ProblemsOfThePassAndLaterOnes_KeepsTheFirstByLineAndCountsAll()
    {
        var sut = new CsvCheck();
        foreach (var line in Enumerable.Range(0, CsvCheck.MaxErrorsKept + 5).Select(i => 3 + (2 * i)))
        {
            sut.Add(new(line, "type", "pass"));
        }

        sut.AddLate([new(2, "row", "late"), new(6, "row", "late"), new(100_000, "row", "late")], count: 7);

        Assert.Equal(CsvCheck.MaxErrorsKept + 5 + 7, sut.ErrorCount);
        Assert.Equal(CsvCheck.MaxErrorsKept, sut.Errors.Count);
        Assert.Equal([2, 3, 5, 6, 7, 9], sut.Errors.Take(6).Select(e => e.Line));
        Assert.DoesNotContain(sut.Errors, e => e.Line == 100_000);
    }
}
