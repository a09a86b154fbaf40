using AdherenceSync.Genesys;
using AdherenceSync.Push;

namespace AdherenceSync.Tests.Push;

public sealed class CheckResultTests
{
    private static readonly AdherenceRow Row = new() { AgentId = "a-1", QueueId = "q-1", StartDate = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), LengthMinutes = 15, Type = "Meeting" };

    [Fact]
    public void Of_ListingWithTheRowsExplanation_IsFoundWithItsId()
    {
        var listing = new ExplanationListing { Entities = [Explanation("expl-9", Row.LengthMinutes)] };

        var check = CheckResult.Of(listing, Row);

        Assert.Equal((Reconciliation.Found, "expl-9"), (check.Verdict, check.Found?.Id));
        Assert.Same(listing, check.Listing);
    }

    [Fact]
    public void Of_ListingWithoutAMatch_IsNotFound()
    {
        var check = CheckResult.Of(new ExplanationListing { Entities = [Explanation("expl-9", Row.LengthMinutes + 1)] }, Row);

        Assert.Equal(Reconciliation.NotFound, check.Verdict);
        Assert.Null(check.Found);
    }

    [Fact]
    public void Of_NoListing_IsFailedAndSaysWhy()
    {
        var check = CheckResult.Of(null, Row);

        Assert.Equal((Reconciliation.Failed, "the query answered without a listing"), (check.Verdict, check.Problem));
    }

    private static AdherenceExplanation Explanation(string id, int lengthMinutes) => new()
    {
        Id = id,
        Agent = new EntityRef { Id = Row.AgentId },
        StartDate = "2026-11-27T08:00:00.000Z",
        LengthMinutes = lengthMinutes,
        Type = "MEETING",
    };
}
