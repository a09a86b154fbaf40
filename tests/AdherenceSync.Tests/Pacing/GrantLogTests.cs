using AdherenceSync.Pacing;

namespace AdherenceSync.Tests.Pacing;

public sealed class GrantLogTests
{
    [Fact]
    public void Add_PastTheCapacity_ForgetsTheOldestAndKeepsTheOrder()
    {
        var sut = new GrantLog(capacity: 40);
        for (var time = 1L; time <= 100; time++)
        {
            sut.Add(time);
        }

        Assert.Equal(40, sut.Count);
        Assert.Equal(Enumerable.Range(61, 40).Select(t => (long)t), Enumerable.Range(0, sut.Count).Select(i => sut[i]));
    }

    [Fact]
    public void RemoveUpTo_AfterTheRingWrapped_ForgetsOnlyTheGrantsAtOrBeforeTheTime()
    {
        var sut = new GrantLog(capacity: 16);
        for (var time = 1L; time <= 20; time++)
        {
            sut.Add(time);
        }

        sut.RemoveUpTo(10);

        Assert.Equal(10, sut.Count);
        Assert.Equal(11, sut[0]);
        Assert.Equal(20, sut[sut.Count - 1]);
        Assert.Equal(5, sut.CountBetween(13, 18));
    }

    [Fact]
    public void MoveNewestTo_LaterOrEarlierTime_MovesTheNewestOnlyForward()
    {
        var sut = new GrantLog(capacity: 4);
        sut.Add(5);
        sut.Add(7);

        sut.MoveNewestTo(6);
        Assert.Equal(7, sut[1]);

        sut.MoveNewestTo(9);
        Assert.Equal([5L, 9L], [sut[0], sut[1]]);
    }

    [Fact]
    public void Indexer_PastTheNewest_Throws()
    {
        var sut = new GrantLog(capacity: 4);
        sut.Add(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => sut[1]);
    }
}
